using System.Text;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// HTTP/1.1 pipelining on the Runtime API, at the wire level: a runtime that sends its answer and the next
/// <c>GET …/invocation/next</c> in one write gets the 202 and the next event in order, in one write; a runtime that
/// waits for each answer (libcurl) gets its 202 at once.
/// </summary>
public sealed class PipeliningTests : IDisposable
{
    private const string Next = "/2018-06-01/runtime/invocation/next";
    private readonly CapturingLauncher _launcher = new();
    private readonly EngineHarness _harness;

    public PipeliningTests()
    {
        _harness = new EngineHarness(new ExecutionOptions { InitTimeout = TimeSpan.FromSeconds(5), VerifyRuntimeApiPeers = false }, _launcher);
    }

    public void Dispose() => _harness.Dispose();

    private static string Response(InvocationRequest request) => $"/2018-06-01/runtime/invocation/{request.RequestId}/response";

    /// <summary>Starts an environment whose process only sleeps, connects as its runtime and takes the first event.</summary>
    private async Task<(EnvironmentSpec Spec, RawHttpClient Runtime, InvocationRequest First, Task<InvocationOutcome> Outcome)> StartAsync()
    {
        var code = _harness.WriteCode(("bootstrap", "#!/bin/sh\nexec sleep 600\n"));
        var spec = EngineHarness.Spec("provided.al2023", "h", code, timeoutSeconds: 10)
            // The test is the runtime, from outside any sandbox: it needs the loopback Runtime API of the host network.
            with { Network = NetworkMode.Host };
        var first = EngineHarness.Request("1");
        var outcome = _harness.Engine.InvokeAsync(spec, first, CancellationToken.None);
        var (launch, _) = await _launcher.NextLaunchAsync();
        var runtime = new RawHttpClient(launch.Environment["AWS_LAMBDA_RUNTIME_API"]);
        Assert.Equal(first.RequestId, (await runtime.SendAndReceiveAsync("GET", Next)).Headers["Lambda-Runtime-Aws-Request-Id"]);
        return (spec, runtime, first, outcome);
    }

    [Fact]
    public async Task ResponseAndNextPipelined_GetAcceptedThenTheNextEvent_InOneWrite()
    {
        var (spec, runtime, first, outcome) = await StartAsync();
        using var _ = runtime;

        await runtime.SendAsync(RawHttpClient.Format("POST", Response(first), "\"one\"") + RawHttpClient.Format("GET", Next));
        var result = await outcome.Within(10, "waiting for the first outcome after the pipelined /response");
        Assert.Equal("\"one\"", Encoding.UTF8.GetString(result.Payload.Span));
        var second = EngineHarness.Request("2");
        var secondOutcome = _harness.Engine.InvokeAsync(spec, second, CancellationToken.None);

        var accepted = await runtime.ReceiveAsync().Within(10, "waiting for the 202 of the pipelined /response");
        Assert.Equal(202, accepted.Status);
        Assert.Equal("""{"status":"OK"}""", accepted.Body);
        // The held-back 202 left in the same write as the event: the runtime woke once for both.
        Assert.True(runtime.Buffered > 0, "the event should arrive in the same write as the 202");
        var next = await runtime.ReceiveAsync().Within(10, "waiting for the pipelined /next");
        Assert.Equal(200, next.Status);
        Assert.Equal(second.RequestId, next.Headers["Lambda-Runtime-Aws-Request-Id"]);
        Assert.Equal("2", next.Body);
        Assert.Equal(202, (await runtime.SendAndReceiveAsync("POST", Response(second), "\"two\"")).Status);
        Assert.Equal(InvocationStatus.Success, (await secondOutcome.Within(10, "waiting for the second outcome")).Status);
    }

    [Fact]
    public async Task Response_NotPipelined_IsAcceptedAtOnce_WhileNoOtherInvocationIsQueued()
    {
        var (spec, runtime, first, outcome) = await StartAsync();
        using var _ = runtime;

        // Nothing is buffered behind the POST, so its 202 must not wait for a next event (none is coming).
        var accepted = await runtime.SendAndReceiveAsync("POST", Response(first), "\"one\"");

        Assert.Equal(202, accepted.Status);
        Assert.Equal(0, runtime.Buffered);
        Assert.Equal(InvocationStatus.Success, (await outcome.Within(10, "waiting for the outcome")).Status);
        // A later GET still gets the next event.
        var second = EngineHarness.Request("2");
        var secondOutcome = _harness.Engine.InvokeAsync(spec, second, CancellationToken.None);
        Assert.Equal(second.RequestId, (await runtime.SendAndReceiveAsync("GET", Next)).Headers["Lambda-Runtime-Aws-Request-Id"]);
        Assert.Equal(202, (await runtime.SendAndReceiveAsync("POST", Response(second), "\"two\"")).Status);
        Assert.Equal(InvocationStatus.Success, (await secondOutcome.Within(10, "waiting for the second outcome")).Status);
    }

    [Fact]
    public async Task ThreePipelinedRequests_AreAnsweredInRequestOrder()
    {
        var (spec, runtime, first, outcome) = await StartAsync();
        using var _ = runtime;

        // A second answer to the same invocation is a 403 that must not overtake the held-back 202.
        await runtime.SendAsync(RawHttpClient.Format("POST", Response(first), "\"one\"") + RawHttpClient.Format("POST", Response(first), "\"again\"")
            + RawHttpClient.Format("GET", Next));

        Assert.Equal(202, (await runtime.ReceiveAsync().Within(10, "waiting for the first answer")).Status);
        Assert.Equal(403, (await runtime.ReceiveAsync().Within(10, "waiting for the second answer")).Status);
        Assert.Equal("\"one\"", Encoding.UTF8.GetString((await outcome.Within(10, "waiting for the first outcome")).Payload.Span));
        var second = EngineHarness.Request("2");
        var secondOutcome = _harness.Engine.InvokeAsync(spec, second, CancellationToken.None);
        Assert.Equal(second.RequestId, (await runtime.ReceiveAsync().Within(10, "waiting for the pipelined /next")).Headers["Lambda-Runtime-Aws-Request-Id"]);
        Assert.Equal(202, (await runtime.SendAndReceiveAsync("POST", Response(second), "\"two\"")).Status);
        Assert.Equal(InvocationStatus.Success, (await secondOutcome.Within(10, "waiting for the second outcome")).Status);
    }
}
