using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Nimbus.Core.Invocation;
using Nimbus.Execution;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>
/// Recursive loop detection: the trace header each invocation gets counts the function's invocations in its chain,
/// an SDK sends it back with the function's own requests, and past 16 the next invocation is stopped unless the
/// function's recursion config is <c>Allow</c>. <c>PutFunctionRecursionConfig</c> / <c>GetFunctionRecursionConfig</c>.
/// </summary>
public sealed class RecursionTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:";
    private readonly ConcurrentQueue<(string Function, string? Trace, string Payload)> _calls = new();
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LambdaTestHost.StartAsync(new LambdaOptions { FunctionErrorRetryDelays = [TimeSpan.Zero] });
        // "looper" does what a function writing back to its own trigger does: it invokes itself asynchronously with the
        // trace header it runs with, as the AWS SDK's recursion-detection middleware sends _X_AMZN_TRACE_ID on (up to
        // 40 times, so that an allowed loop ends too).
        _host.Engine.Handler = async (spec, request, _) =>
        {
            _calls.Enqueue((spec.FunctionName, request.TraceId, Encoding.UTF8.GetString(request.Payload.Span)));
            if (spec.FunctionName.StartsWith("looper", StringComparison.Ordinal) && _calls.Count(c => c.Function == spec.FunctionName) < 40)
            {
                var (status, _, _) = await _host.InvokeAsync(spec.FunctionName, "{}", configure: r =>
                {
                    r.Headers.Add("X-Amz-Invocation-Type", "Event");
                    r.Headers.Add("X-Amzn-Trace-Id", request.TraceId);
                });
                Assert.Equal(HttpStatusCode.Accepted, status);
            }
            return new InvocationOutcome { Status = InvocationStatus.Success, Payload = "null"u8.ToArray() };
        };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private int CallsTo(string function) => _calls.Count(c => c.Function == function);

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> RecursionConfigAsync(HttpMethod method, string function, string? body = null) =>
        _host.CallAsync(method, $"/2024-08-31/functions/{function}/recursion-config", body);

    [Fact]
    public async Task SelfTriggeringFunction_IsStoppedAfterSixteenInvocations_AndTheEventGoesToOnFailure()
    {
        await _host.CreateFunctionAsync("looper");
        await _host.CreateFunctionAsync("collector");
        await _host.CallAsync(HttpMethod.Put, "/2019-09-25/functions/looper/event-invoke-config",
            $$$$"""{"DestinationConfig": {"OnFailure": {"Destination": "{{{{Arn}}}}collector"}}}""");

        var (status, _, _) = await _host.InvokeAsync("looper", "{}", configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(HttpStatusCode.Accepted, status);

        await Eventually.TrueAsync(() => CallsTo("collector") == 1, "the stopped event's record reaching the on-failure destination");
        Assert.Equal(16, CallsTo("looper"));
        var record = JsonNode.Parse(_calls.Single(c => c.Function == "collector").Payload)!;
        Assert.Equal("RecursiveInvocationDetected", record["requestContext"]!["condition"]!.GetValue<string>());
        // One chain: every invocation shares the root, and the lineage counted 1, 2, … 16.
        var traces = _calls.Where(c => c.Function == "looper").Select(c => c.Trace!).ToList();
        Assert.Single(traces.Select(t => t.Split(';')[0]).Distinct());
        var hash = TraceLineage.FunctionHash(Arn + "looper");
        Assert.Equal(Enumerable.Range(1, 16), traces.Select(t => TraceLineage.LineageCount(t, hash)).Order());
    }

    [Fact]
    public async Task RecursionConfigAllow_LetsTheLoopRunOn()
    {
        await _host.CreateFunctionAsync("looper-allowed");
        var (status, body, _) = await RecursionConfigAsync(HttpMethod.Put, "looper-allowed", """{"RecursiveLoop": "Allow"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Allow", body!["RecursiveLoop"]!.GetValue<string>());

        await _host.InvokeAsync("looper-allowed", "{}", configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));

        await Eventually.TrueAsync(() => CallsTo("looper-allowed") == 40, "the allowed loop running past 16");
    }

    [Fact]
    public async Task SynchronousInvoke_DeepInALoop_GetsRecursiveInvocationException()
    {
        await _host.CreateFunctionAsync("sync-target");
        var hash = TraceLineage.FunctionHash(Arn + "sync-target");
        var deep = $"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage={hash}:16";
        var shallow = $"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage={hash}:15|0badc0de:3";

        var (stopped, _, stoppedResponse) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/sync-target/invocations", "{}",
            r => r.Headers.Add("X-Amzn-Trace-Id", deep));
        var (ran, _, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/sync-target/invocations", "{}",
            r => r.Headers.Add("X-Amzn-Trace-Id", shallow));

        Assert.Equal(HttpStatusCode.BadRequest, stopped);
        Assert.Equal("RecursiveInvocationException", stoppedResponse.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.OK, ran);
        // The function runs as the 16th link of the same chain; the other function's count travels along.
        var trace = _calls.Single(c => c.Function == "sync-target").Trace!;
        Assert.StartsWith("Root=1-5759e988-bd862e3fe1be46a994272793;", trace, StringComparison.Ordinal);
        Assert.Equal(16, TraceLineage.LineageCount(trace, hash));
        Assert.Equal(3, TraceLineage.LineageCount(trace, "0badc0de"));
    }

    [Fact]
    public async Task EveryInvocation_GetsATraceIdOfItsOwnChain()
    {
        await _host.CreateFunctionAsync("plain");

        await _host.InvokeAsync("plain");

        var trace = _calls.Single().Trace!;
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=[0-9a-f]{8}:1$", trace);
    }

    [Fact]
    public async Task RecursionConfig_DefaultsToTerminate_RoundTrips_AndRejectsBadInput()
    {
        await _host.CreateFunctionAsync("configured");

        var (_, initial, _) = await RecursionConfigAsync(HttpMethod.Get, "configured");
        await RecursionConfigAsync(HttpMethod.Put, "configured", """{"RecursiveLoop": "Allow"}""");
        var (_, allowed, _) = await RecursionConfigAsync(HttpMethod.Get, Arn + "configured");
        var (badStatus, bad, _) = await RecursionConfigAsync(HttpMethod.Put, "configured", """{"RecursiveLoop": "Sometimes"}""");
        var (missingStatus, missing, _) = await RecursionConfigAsync(HttpMethod.Get, "no-such-function");
        await _host.RestartAsync();
        var (_, afterRestart, _) = await RecursionConfigAsync(HttpMethod.Get, "configured");

        Assert.Equal("Terminate", initial!["RecursiveLoop"]!.GetValue<string>());
        Assert.Equal("Allow", allowed!["RecursiveLoop"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("Member must satisfy enum value set: [Allow, Terminate]", bad!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Assert.Contains("Function not found", missing!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Allow", afterRestart!["RecursiveLoop"]!.GetValue<string>());
    }
}
