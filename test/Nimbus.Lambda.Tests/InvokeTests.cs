using System.Net;
using System.Text;
using Nimbus.Execution;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class InvokeTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Invoke_ReturnsFunctionResponseAndExecutedVersion()
    {
        await _host.CreateFunctionAsync("echo");
        var (status, body, response) = await _host.InvokeAsync("echo", "{\"a\":1}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"a\":1}", body);
        Assert.Equal("$LATEST", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Invoke_WithoutAPayload_GivesTheFunctionAnEmptyObject()
    {
        await _host.CreateFunctionAsync("no-payload");
        var (status, body, _) = await _host.InvokeAsync("no-payload", "");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body); // the fake engine echoes the event it was given
    }

    [Fact]
    public async Task Invoke_PassesSpecAndRequestToTheEngine()
    {
        await _host.CreateFunctionAsync("spec", r => r["Environment"] = new System.Text.Json.Nodes.JsonObject
        {
            ["Variables"] = new System.Text.Json.Nodes.JsonObject { ["KEY"] = "V" },
        });
        var context = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"custom\":{\"x\":1}}"));
        await _host.InvokeAsync("spec", "{}", configure: r => r.Headers.Add("X-Amz-Client-Context", context));

        var (spec, request) = _host.Engine.Calls.Single();
        Assert.Equal("000000000000/us-east-1/spec", spec.FunctionKey);
        Assert.Equal("python3.12", spec.Runtime);
        Assert.Equal("index.handler", spec.Handler);
        Assert.Equal("V", spec.Environment["KEY"]);
        Assert.Equal("/aws/lambda/spec", spec.LogGroupName);
        Assert.True(File.Exists(Path.Combine(spec.CodeDirectory, "index.py")));
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:spec", request.InvokedFunctionArn);
        Assert.Equal("{\"custom\":{\"x\":1}}", request.ClientContext);
    }

    [Fact]
    public async Task Invoke_PoolKeyChangesWhenConfigurationChanges()
    {
        await _host.CreateFunctionAsync("pool");
        await _host.InvokeAsync("pool");
        await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/pool/configuration", "{\"MemorySize\": 256}");
        await _host.WaitSettledAsync("pool");
        await _host.InvokeAsync("pool");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/pool/versions", "{}");
        await _host.InvokeAsync("pool");
        var keys = _host.Engine.Calls.Select(c => c.Spec.PoolKey).ToList();
        Assert.NotEqual(keys[0], keys[1]);
        // Publishing a version changes nothing $LATEST's environments were started with: they stay warm.
        Assert.Equal(keys[1], keys[2]);
        Assert.Equal(256, _host.Engine.Calls.Last().Spec.MemorySizeMb);
    }

    [Fact]
    public async Task Invoke_WhenFunctionFails_Returns200WithUnhandledHeader()
    {
        await _host.CreateFunctionAsync("boom");
        _host.Engine.Handler = (_, _, _) => Task.FromResult(new InvocationOutcome
        {
            Status = InvocationStatus.FunctionError,
            Payload = Encoding.UTF8.GetBytes("{\"errorMessage\":\"bad\",\"errorType\":\"Exception\"}"),
        });
        var (status, body, response) = await _host.InvokeAsync("boom");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Contains("\"errorMessage\":\"bad\"", body);
    }

    [Fact]
    public async Task Invoke_WithLogTypeTail_ReturnsBase64LogResult()
    {
        await _host.CreateFunctionAsync("tail");
        var (_, _, response) = await _host.InvokeAsync("tail", configure: r => r.Headers.Add("X-Amz-Log-Type", "Tail"));
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.StartsWith("START RequestId: ", log);
    }

    [Fact]
    public async Task Invoke_DryRun_Returns204WithoutRunning()
    {
        await _host.CreateFunctionAsync("dryinv");
        var (status, _, _) = await _host.InvokeAsync("dryinv", configure: r => r.Headers.Add("X-Amz-Invocation-Type", "DryRun"));
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Empty(_host.Engine.Calls);
    }

    [Fact]
    public async Task Invoke_Event_Returns202AndRunsInBackground()
    {
        await _host.CreateFunctionAsync("evt");
        var ran = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Engine.Handler = (_, request, _) =>
        {
            ran.TrySetResult(Encoding.UTF8.GetString(request.Payload.Span));
            return FakeExecutionEngine.Echo(null!, request, default);
        };
        var (status, body, _) = await _host.InvokeAsync("evt", "{\"async\":true}", configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("", body);
        Assert.Equal("{\"async\":true}", await ran.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Invoke_Event_AbovePayloadLimit_Returns413()
    {
        await _host.CreateFunctionAsync("bigevt");
        var payload = "\"" + new string('x', 1_048_577) + "\"";
        var (status, _, _) = await _host.InvokeAsync("bigevt", payload, configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Invoke_WithPayloadOver6MB_ReturnsRequestEntityTooLarge()
    {
        await _host.CreateFunctionAsync("big");
        var payload = "\"" + new string('x', 6 * 1024 * 1024) + "\"";
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/big/invocations", payload);
        ResponseAssert.Error(result, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException",
            "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }

    [Fact]
    public async Task Invoke_WithChunkedPayloadOver6MB_StopsReadingAndReturns413()
    {
        await _host.CreateFunctionAsync("chunked");
        var content = new StreamContent(new MemoryStream(new byte[7 * 1024 * 1024]));
        var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/chunked/invocations") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_WithInvalidJson_ReturnsInvalidRequestContent()
    {
        await _host.CreateFunctionAsync("json");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/json/invocations", "{not json");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidRequestContentException");
        ResponseAssert.StartsWith(result, "Could not parse request body into json: ");
    }

    [Fact]
    public async Task Invoke_UnknownFunction_ReturnsNotFound()
    {
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/missing/invocations", "{}");
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing");
    }

    [Fact]
    public async Task Invoke_WithUnknownQualifier_ReturnsNotFoundWithQualifiedArn()
    {
        await _host.CreateFunctionAsync("q");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/q/invocations?Qualifier=nosuch", "{}");
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:q:nosuch");
    }

    [Fact]
    public async Task Invoke_WithInvalidQualifier_ReturnsValidationException()
    {
        await _host.CreateFunctionAsync("badq");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/badq/invocations?Qualifier=a%20b", "{}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task Invoke_WithConflictingArnQualifier_ReturnsInvalidParameter()
    {
        await _host.CreateFunctionAsync("conf", r => r["Publish"] = true);
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/" + Uri.EscapeDataString("conf:1") + "/invocations?Qualifier=2", "{}");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    public async Task Invoke_ByArnWithVersion_RunsThatVersion()
    {
        await _host.CreateFunctionAsync("byarn", r => r["Publish"] = true);
        var (status, _, response) = await _host.InvokeAsync("arn:aws:lambda:us-east-1:000000000000:function:byarn:1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:byarn:1", _host.Engine.Calls.Single().Request.InvokedFunctionArn);
    }

    [Fact]
    public async Task Invoke_WhilePending_WaitsForActive()
    {
        // No WaitSettled: the invoke races the unpacking and must wait for Active rather than fail.
        var (created, _, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions", LambdaTestHost.CreateRequest("racer"));
        Assert.Equal(HttpStatusCode.Created, created);
        var (status, _, _) = await _host.InvokeAsync("racer");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task InvokeAsync_LegacyApi_Returns202()
    {
        await _host.CreateFunctionAsync("legacy");
        var result = await _host.CallAsync(HttpMethod.Post, "/2014-11-13/functions/legacy/invoke-async/", "{}");
        Assert.Equal(HttpStatusCode.Accepted, result.Status);
        Assert.Equal(202, result.Body!["Status"]!.GetValue<int>());
    }

    [Fact]
    public async Task FunctionInvoker_Seam_InvokesByName()
    {
        await _host.CreateFunctionAsync("seam");
        var invoker = (Core.Invocation.IFunctionInvoker)_host.Services.GetService(typeof(Core.Invocation.IFunctionInvoker))!;
        var result = await invoker.InvokeAsync(Core.AwsScope.Default,
            new Core.Invocation.FunctionInvocation("seam", "{\"s3\":1}"u8.ToArray(), Core.Invocation.InvocationKind.RequestResponse), default);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("{\"s3\":1}", Encoding.UTF8.GetString(result.Payload.Span));
        Assert.Equal("$LATEST", result.ExecutedVersion);
    }

    [Fact]
    public async Task Invoke_WithClientContextNotBase64_ReturnsInvalidRequestContent()
    {
        await _host.CreateFunctionAsync("ctx");
        var response = await _host.SendAsync(HttpMethod.Post, "/2015-03-31/functions/ctx/invocations", "{}",
            r => r.Headers.TryAddWithoutValidation("X-Amz-Client-Context", "%%%not-base64"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Invoke_WithUnknownInvocationType_ReturnsValidationException()
    {
        await _host.CreateFunctionAsync("kind");
        var response = await _host.SendAsync(HttpMethod.Post, "/2015-03-31/functions/kind/invocations", "{}",
            r => r.Headers.Add("X-Amz-Invocation-Type", "Sometimes"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Invoke_WhenEngineCrashes_ReturnsServiceExceptionNot500Trace()
    {
        await _host.CreateFunctionAsync("crash");
        _host.Engine.Handler = (_, _, _) => throw new InvalidOperationException("engine exploded");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/crash/invocations", "{}");
        ResponseAssert.Error(result, HttpStatusCode.InternalServerError, "ServiceException");
        // The slot is released even though the engine threw.
        Assert.Equal(0, _host.Service.Find(Core.AwsScope.Default, "crash")!.InFlight);
    }
}
