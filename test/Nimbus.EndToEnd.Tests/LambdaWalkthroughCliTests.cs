using System.Text;
using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// The README's walk-through, run with the AWS CLI exactly as a user types it: create, wait, invoke (sync, tail,
/// async, errors), update, publish, alias, logs, delete — for Node.js, Python and a bash custom runtime.
/// </summary>
public sealed class LambdaWalkthroughCliTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string Role = "arn:aws:iam::000000000000:role/lambda-role";

    public static TheoryData<string, string, string> Runtimes => new()
    {
        { "nodejs20.x", "index.handler", "node" },
        { "python3.12", "app.handler", "python" },
        { "provided.al2023", "function.handler", "bash" },
    };

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Walkthrough_CreateInvokeUpdatePublishAliasLogsDelete(string runtime, string handler, string language)
    {
        var cli = server.Cli;
        var name = FunctionPackage.UniqueName("walk-" + language);
        var (v1, v2) = Packages(language);

        var created = await cli.JsonAsync("lambda", "create-function", "--function-name", name, "--runtime", runtime,
            "--handler", handler, "--role", Role, "--zip-file", "fileb://" + v1,
            "--environment", "Variables={GREETING=hi}");
        Assert.Equal(name, created.GetProperty("FunctionName").GetString());
        Assert.Equal(runtime, created.GetProperty("Runtime").GetString());
        Assert.Contains(created.GetProperty("State").GetString(), new[] { "Pending", "Active" });
        await cli.JsonAsync("lambda", "wait", "function-active-v2", "--function-name", name);

        // Synchronous invoke.
        var (response, body) = await InvokeAsync(name, """{"x":1}""");
        Assert.Equal(200, response.GetProperty("StatusCode").GetInt32());
        Assert.Equal("$LATEST", response.GetProperty("ExecutedVersion").GetString());
        Assert.False(response.TryGetProperty("FunctionError", out _));
        Assert.Equal(language, body.GetProperty("runtime").GetString());
        Assert.Equal(1, body.GetProperty("echo").GetProperty("x").GetInt32());

        // LogType=Tail returns the invocation's log, base64-encoded.
        var (tailed, _) = await InvokeAsync(name, """{"x":2}""", "--log-type", "Tail");
        var tail = Encoding.UTF8.GetString(Convert.FromBase64String(tailed.GetProperty("LogResult").GetString()!));
        Assert.Contains("START RequestId: ", tail);
        Assert.Contains("hello from " + language, tail);
        Assert.Contains("END RequestId: ", tail);
        Assert.Contains("REPORT RequestId: ", tail);
        Assert.Contains("Billed Duration: ", tail);

        // A failing function: 200 with X-Amz-Function-Error and AWS's error document.
        var (failed, error) = await InvokeAsync(name, """{"fail":true}""");
        Assert.Equal("Unhandled", failed.GetProperty("FunctionError").GetString());
        Assert.Contains("failed on purpose", error.GetProperty("errorMessage").GetString());

        // Asynchronous invoke is accepted with 202.
        var (queued, _) = await InvokeAsync(name, """{"async":true}""", "--invocation-type", "Event");
        Assert.Equal(202, queued.GetProperty("StatusCode").GetInt32());

        // Update the code, wait for the update, see the new behaviour.
        await cli.JsonAsync("lambda", "update-function-code", "--function-name", name, "--zip-file", "fileb://" + v2);
        await cli.JsonAsync("lambda", "wait", "function-updated-v2", "--function-name", name);
        var (_, updated) = await InvokeAsync(name, "{}");
        Assert.Equal(2, updated.GetProperty("revision").GetInt32());

        // Publish a version, point an alias at it, invoke through the alias.
        var published = await cli.JsonAsync("lambda", "publish-version", "--function-name", name);
        Assert.Equal("1", published.GetProperty("Version").GetString());
        await cli.JsonAsync("lambda", "create-alias", "--function-name", name, "--name", "live", "--function-version", "1");
        var (viaAlias, aliasBody) = await InvokeAsync(name, "{}", "--qualifier", "live");
        Assert.Equal("1", viaAlias.GetProperty("ExecutedVersion").GetString());
        Assert.Equal(2, aliasBody.GetProperty("revision").GetInt32());

        // Logs: the group and its streams exist, and the function's output can be searched.
        var group = "/aws/lambda/" + name;
        var streams = await cli.JsonAsync("logs", "describe-log-streams", "--log-group-name", group);
        var streamName = streams.GetProperty("logStreams")[0].GetProperty("logStreamName").GetString()!;
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}/\[(\$LATEST|\d+)\][0-9a-f]{32}$", streamName);
        var events = await cli.JsonAsync("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", streamName, "--start-from-head");
        Assert.Contains(events.GetProperty("events").EnumerateArray(), e => e.GetProperty("message").GetString()!.StartsWith("START RequestId: ", StringComparison.Ordinal));
        // `aws logs tail` (AWS CLI v2) is FilterLogEvents over the group; the CLI here is v1, so call it directly.
        var filtered = await cli.JsonAsync("logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", $"\"hello from {language}\"");
        Assert.NotEmpty(filtered.GetProperty("events").EnumerateArray());
        Assert.All(filtered.GetProperty("events").EnumerateArray(), e => Assert.Contains("hello from " + language, e.GetProperty("message").GetString()));

        // Delete: the function is gone.
        await cli.JsonAsync("lambda", "delete-function", "--function-name", name);
        await cli.FailsWithAsync("ResourceNotFoundException", "lambda", "get-function", "--function-name", name);
    }

    private async Task<(JsonElement Response, JsonElement Body)> InvokeAsync(string name, string payload, params string[] extra)
    {
        var outFile = Path.GetTempFileName();
        var response = await server.Cli.JsonAsync(["lambda", "invoke", "--function-name", name,
            "--payload", payload, .. extra, outFile]);
        var text = await File.ReadAllTextAsync(outFile);
        File.Delete(outFile);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static (string V1, string V2) Packages(string language) => language switch
    {
        "node" => (FunctionPackage.WriteZip(("index.js", Functions.NodeHandler)), FunctionPackage.WriteZip(("index.js", Functions.NodeHandlerV2))),
        "python" => (FunctionPackage.WriteZip(("app.py", Functions.PythonHandler)), FunctionPackage.WriteZip(("app.py", Functions.PythonHandlerV2))),
        _ => (FunctionPackage.WriteZip(("bootstrap", Functions.BashBootstrap)), FunctionPackage.WriteZip(("bootstrap", Functions.BashBootstrapV2))),
    };
}
