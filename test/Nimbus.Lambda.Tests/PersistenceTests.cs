using System.Net;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class PersistenceTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Everything_SurvivesARestart()
    {
        var created = await _host.CreateFunctionAsync("durable", r => r["Tags"] = new System.Text.Json.Nodes.JsonObject { ["team"] = "core" });
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/durable/versions", "{}");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/durable/aliases", "{\"Name\": \"live\", \"FunctionVersion\": \"1\"}");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/durable/concurrency", "{\"ReservedConcurrentExecutions\": 7}");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/durable/policy",
            "{\"StatementId\": \"s3\", \"Action\": \"lambda:InvokeFunction\", \"Principal\": \"s3.amazonaws.com\"}");

        await _host.RestartAsync();

        var (status, function, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/durable");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(created["CodeSha256"]!.GetValue<string>(), function!["Configuration"]!["CodeSha256"]!.GetValue<string>());
        Assert.Equal("Active", function["Configuration"]!["State"]!.GetValue<string>());
        Assert.Equal("core", function["Tags"]!["team"]!.GetValue<string>());
        Assert.Equal(7, function["Concurrency"]!["ReservedConcurrentExecutions"]!.GetValue<int>());
        var (_, alias, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/durable/aliases/live");
        Assert.Equal("1", alias!["FunctionVersion"]!.GetValue<string>());
        var (_, policy, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/durable/policy");
        Assert.Contains("s3.amazonaws.com", policy!["Policy"]!.GetValue<string>());
        var (invoked, _, response) = await _host.InvokeAsync("durable", qualifier: "live");
        Assert.Equal(HttpStatusCode.OK, invoked);
        Assert.Equal("1", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.True(File.Exists(Path.Combine(_host.Engine.Calls.Last().Spec.CodeDirectory, "index.py")));
        // Version numbers continue after a restart.
        await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/durable/configuration", "{\"Description\": \"changed\"}");
        await _host.WaitSettledAsync("durable");
        var (_, published, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/durable/versions", "{}");
        Assert.Equal("2", published!["Version"]!.GetValue<string>());
    }

    [Fact]
    public async Task AcceptedEvent_RunsAgainAfterARestart()
    {
        await _host.CreateFunctionAsync("queued");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Engine.Handler = async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };
        var (status, _, _) = await _host.InvokeAsync("queued", "{\"n\":1}", configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var ran = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Engine.Handler = (spec, request, ct) =>
        {
            ran.TrySetResult(System.Text.Encoding.UTF8.GetString(request.Payload.Span));
            return FakeExecutionEngine.Echo(spec, request, ct);
        };
        await _host.RestartAsync();

        Assert.Equal("{\"n\":1}", await ran.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task UnpackedCode_IsRestoredAtStartUpWhenMissing()
    {
        await _host.CreateFunctionAsync("restored");
        await _host.InvokeAsync("restored");
        var codeDirectory = _host.Engine.Calls.Single().Spec.CodeDirectory;
        Directory.Delete(codeDirectory, recursive: true);

        await _host.RestartAsync();

        Assert.True(File.Exists(Path.Combine(codeDirectory, "index.py")));
    }

    [Fact]
    public async Task DeletedFunction_StaysDeletedAfterRestart()
    {
        await _host.CreateFunctionAsync("ephemeral");
        await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/ephemeral");
        await _host.RestartAsync();
        var result = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/ephemeral");
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
    }

    [Fact]
    public async Task CodePackages_AreStoredByContentHash()
    {
        var zip = TestZips.Python();
        await _host.CreateFunctionAsync("one", r => r["Code"]!["ZipFile"] = Convert.ToBase64String(zip));
        await _host.CreateFunctionAsync("two", r => r["Code"]!["ZipFile"] = Convert.ToBase64String(zip));
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zip));
        Assert.Single(Directory.GetFiles(Path.Combine(_host.DataDirectory, "code"), "*.zip"));
        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, "code", hex + ".zip")));
    }
}
