using System.Net;
using Nimbus.Execution;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>
/// An invoke the engine cannot give a new environment (the function's scaling rate is used up) gets AWS's throttle:
/// 429 <c>TooManyRequestsException</c> with a <c>Reason</c>; an event is kept and retried rather than lost.
/// </summary>
public sealed class ScaleOutThrottleTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;
    private int _throttles;

    public async Task InitializeAsync()
    {
        _host = await LambdaTestHost.StartAsync(new LambdaOptions { ThrottleRetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        // The first two calls find the rate used up; later ones run.
        _host.Engine.Handler = (spec, request, token) => Interlocked.Increment(ref _throttles) <= 2
            ? throw new ScaleOutThrottledException(spec.FunctionName)
            : FakeExecutionEngine.Echo(spec, request, token);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ScaleOutThrottle_Is429WithReason_AndAnEventIsRetried()
    {
        await _host.CreateFunctionAsync("bursty");

        var (status, body, response) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/bursty/invocations", "{}");
        var (accepted, _, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/bursty/invocations", """{"event":1}""",
            r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("TooManyRequestsException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("FunctionInvocationRateLimitExceeded", body!["Reason"]!.GetValue<string>());
        Assert.Equal("Rate Exceeded.", body["message"]?.GetValue<string>() ?? body["Message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        // The event's first attempt was throttled (the second call), its retry ran.
        await Eventually.TrueAsync(() => _host.Engine.Calls.Count(c => c.Request.Payload.Length > 2) == 2 && _host.Invoker.PendingAsync == 0,
            "the throttled event's retry");
    }
}
