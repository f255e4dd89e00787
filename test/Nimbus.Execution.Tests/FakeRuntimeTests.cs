using System.Text;
using System.Text.Json;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// The test is the runtime (so the Runtime API must serve a process outside the sandbox: peer checks off): the
/// environment's process only sleeps, and a raw HTTP client drives the Runtime API,
/// including the ways a broken runtime misbehaves.
/// </summary>
public sealed class FakeRuntimeTests : IDisposable
{
    private const string Next = "/2018-06-01/runtime/invocation/next";
    private readonly CapturingLauncher _launcher = new();
    private readonly EngineHarness _harness;

    public FakeRuntimeTests()
    {
        _harness = new EngineHarness(new ExecutionOptions { InitTimeout = TimeSpan.FromSeconds(1), VerifyRuntimeApiPeers = false }, _launcher);
    }

    public void Dispose() => _harness.Dispose();

    private (EnvironmentSpec Spec, Task<InvocationOutcome> Outcome) Start(InvocationRequest request, int timeoutSeconds = 10)
    {
        var code = _harness.WriteCode(("bootstrap", "#!/bin/sh\nexec sleep 600\n"));
        var spec = EngineHarness.Spec("provided.al2023", "h", code, timeoutSeconds)
            // The test is the runtime, from outside any sandbox: it needs the loopback Runtime API of the host network.
            with { Network = NetworkMode.Host };
        return (spec, _harness.Engine.InvokeAsync(spec, request, CancellationToken.None));
    }

    private async Task<RawHttpClient> ConnectAsync()
    {
        var (launch, _) = await _launcher.NextLaunchAsync();
        return new RawHttpClient(launch.Environment["AWS_LAMBDA_RUNTIME_API"]);
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task Next_DeliversEventWithEveryHeader_AndResponseIsAccepted()
    {
        var request = EngineHarness.Request("""{"k":"v"}""") with
        {
            TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
            ClientContext = """{"client":{}}""",
            CognitoIdentity = """{"cognitoIdentityId":"x"}""",
        };
        var (_, outcome) = Start(request, timeoutSeconds: 10);
        using var runtime = await ConnectAsync();

        var next = await runtime.SendAndReceiveAsync("GET", Next);

        Assert.Equal(200, next.Status);
        Assert.Equal("""{"k":"v"}""", next.Body);
        Assert.Equal(request.RequestId, next.Headers["Lambda-Runtime-Aws-Request-Id"]);
        Assert.Equal(request.InvokedFunctionArn, next.Headers["Lambda-Runtime-Invoked-Function-Arn"]);
        Assert.Equal(request.TraceId, next.Headers["Lambda-Runtime-Trace-Id"]);
        Assert.Equal(request.ClientContext, next.Headers["Lambda-Runtime-Client-Context"]);
        Assert.Equal(request.CognitoIdentity, next.Headers["Lambda-Runtime-Cognito-Identity"]);
        var deadline = long.Parse(next.Headers["Lambda-Runtime-Deadline-Ms"]);
        Assert.InRange(deadline - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 8000, 10001);

        var response = await runtime.SendAndReceiveAsync("POST", $"/2018-06-01/runtime/invocation/{request.RequestId}/response", "\"done\"");

        Assert.Equal(202, response.Status);
        Assert.Equal("""{"status":"OK"}""", response.Body);
        var result = await outcome.Within(10, "waiting for the outcome after /response");
        Assert.Equal(InvocationStatus.Success, result.Status);
        Assert.Equal("\"done\"", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task Response_PostedTwice_Returns403InvalidStateTransition()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        using var runtime = await ConnectAsync();
        await runtime.SendAndReceiveAsync("GET", Next);
        var path = $"/2018-06-01/runtime/invocation/{request.RequestId}/response";
        Assert.Equal(202, (await runtime.SendAndReceiveAsync("POST", path, "1")).Status);

        var second = await runtime.SendAndReceiveAsync("POST", path, "2");

        Assert.Equal(403, second.Status);
        Assert.Equal("InvalidStateTransition", Json(second.Body).GetProperty("errorType").GetString());
        Assert.Equal("1", Encoding.UTF8.GetString((await outcome.Within(10, "waiting for the outcome")).Payload.Span));
    }

    [Fact]
    public async Task Response_ForUnknownRequestId_Returns400InvalidRequestId()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        using var runtime = await ConnectAsync();
        await runtime.SendAndReceiveAsync("GET", Next);

        var foreign = await runtime.SendAndReceiveAsync("POST", "/2018-06-01/runtime/invocation/not-a-real-id/response", "1");
        var error = await runtime.SendAndReceiveAsync("POST", "/2018-06-01/runtime/invocation/not-a-real-id/error", "{}");

        Assert.Equal(400, foreign.Status);
        Assert.Equal("""{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""", foreign.Body);
        Assert.Equal(400, error.Status);
        // The real invocation is still open and can be answered.
        Assert.Equal(202, (await runtime.SendAndReceiveAsync("POST", $"/2018-06-01/runtime/invocation/{request.RequestId}/response", "7")).Status);
        Assert.Equal(InvocationStatus.Success, (await outcome.Within(10, "waiting for the outcome")).Status);
    }

    [Fact]
    public async Task Response_Oversized_Returns413AndInvocationFailsWithResponseSizeTooLarge()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        using var runtime = await ConnectAsync();
        await runtime.SendAndReceiveAsync("GET", Next);

        var tooLarge = await runtime.SendAndReceiveAsync("POST", $"/2018-06-01/runtime/invocation/{request.RequestId}/response",
            "\"" + new string('x', 6 * 1024 * 1024 + 200) + "\"");

        Assert.Equal(413, tooLarge.Status);
        Assert.Equal("RequestEntityTooLarge", Json(tooLarge.Body).GetProperty("errorType").GetString());
        var result = await outcome.Within(10, "waiting for the outcome");
        Assert.Equal(InvocationStatus.FunctionError, result.Status);
        var payload = Json(Encoding.UTF8.GetString(result.Payload.Span));
        Assert.Equal("Function.ResponseSizeTooLarge", payload.GetProperty("errorType").GetString());
        Assert.Equal("Response payload size exceeded maximum allowed payload size (6291556 bytes).", payload.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Response_ChunkedWithExpectContinue_IsReassembled()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        using var runtime = await ConnectAsync();
        await runtime.SendAndReceiveAsync("GET", Next);

        await runtime.SendAsync($"POST /2018-06-01/runtime/invocation/{request.RequestId}/response HTTP/1.1\r\nHost: r\r\n" +
            "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
        var interim = await runtime.ReceiveAsync().Within(10, "waiting for 100 Continue");
        Assert.Equal(100, interim.Status);
        await runtime.SendAsync("6;ext=1\r\n{\"a\":1\r\n2\r\n,\"\r\nC\r\nb\":\"chunky\"}\r\n0\r\nX-Trailer: t\r\n\r\n");
        var accepted = await runtime.ReceiveAsync().Within(10, "waiting for 202 after the chunked body");

        Assert.Equal(202, accepted.Status);
        var result = await outcome.Within(10, "waiting for the outcome");
        Assert.Equal("""{"a":1,"b":"chunky"}""", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task Error_PostedWithErrorTypeHeader_ReturnsFunctionErrorWithRuntimeDocument()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        using var runtime = await ConnectAsync();
        await runtime.SendAndReceiveAsync("GET", Next);
        const string document = """{"errorMessage":"boom","errorType":"MyError","stackTrace":["at x"]}""";

        var posted = await runtime.SendAndReceiveAsync("POST", $"/2018-06-01/runtime/invocation/{request.RequestId}/error", document,
            "Lambda-Runtime-Function-Error-Type: MyError\r\n");

        Assert.Equal(202, posted.Status);
        var result = await outcome.Within(10, "waiting for the outcome");
        Assert.Equal(InvocationStatus.FunctionError, result.Status);
        Assert.Equal(document, Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task InitError_Posted_FailsTheInvocationWithItsDocumentAndNextInvokeStartsAnotherEnvironment()
    {
        var request = EngineHarness.Request();
        var (spec, outcome) = Start(request);
        using var runtime = await ConnectAsync();
        const string document = """{"errorMessage":"cannot load","errorType":"Runtime.ImportModuleError"}""";

        var posted = await runtime.SendAndReceiveAsync("POST", "/2018-06-01/runtime/init/error", document,
            "Lambda-Runtime-Function-Error-Type: Runtime.ImportModuleError\r\n");

        Assert.Equal(202, posted.Status);
        var result = await outcome.Within(10, "waiting for the init failure");
        Assert.Equal(InvocationStatus.FunctionError, result.Status);
        Assert.Equal(document, Encoding.UTF8.GetString(result.Payload.Span));
        var again = _harness.Engine.InvokeAsync(spec, EngineHarness.Request(), CancellationToken.None);
        using var second = await ConnectAsync();
        Assert.Equal(2, _launcher.Count);
        await second.SendAndReceiveAsync("GET", Next);
    }

    [Fact]
    public async Task Invoke_WhenRuntimeNeverPolls_FailsAfterInitTimeout()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        await _launcher.NextLaunchAsync();

        var result = await outcome.Within(10, "waiting for the 1 s init timeout");

        Assert.Equal(InvocationStatus.Timeout, result.Status);
        Assert.Equal("Sandbox.Timedout", Json(Encoding.UTF8.GetString(result.Payload.Span)).GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Invoke_WhenRuntimeKilledMidInvoke_ReturnsRuntimeExitErrorSignalKilled()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        var (launch, handle) = await _launcher.NextLaunchAsync();
        using var runtime = new RawHttpClient(launch.Environment["AWS_LAMBDA_RUNTIME_API"]);
        await runtime.SendAndReceiveAsync("GET", Next);

        handle.Kill();

        var result = await outcome.Within(10, "waiting for the crash to be reported");
        Assert.Equal(InvocationStatus.RuntimeExited, result.Status);
        Assert.Equal($"RequestId: {request.RequestId} Error: Runtime exited with error: signal: killed",
            Json(Encoding.UTF8.GetString(result.Payload.Span)).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task UnknownPath_Returns404AndKeepsTheConnection()
    {
        var request = EngineHarness.Request();
        var (_, outcome) = Start(request);
        using var runtime = await ConnectAsync();

        var notFound = await runtime.SendAndReceiveAsync("GET", "/2018-06-01/runtime/nothing");

        Assert.Equal(404, notFound.Status);
        var next = await runtime.SendAndReceiveAsync("GET", Next);
        Assert.Equal(request.RequestId, next.Headers["Lambda-Runtime-Aws-Request-Id"]);
        await runtime.SendAndReceiveAsync("POST", $"/2018-06-01/runtime/invocation/{request.RequestId}/response", "1");
        await outcome.Within(10, "waiting for the outcome");
    }
}
