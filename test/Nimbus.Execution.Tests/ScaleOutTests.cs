using System.Text;
using Microsoft.Extensions.Time.Testing;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>
/// Lambda's scaling rate, configured small: a burst gets only as many new environments as the rate allows (the rest
/// throttled before anything starts), warm environments serve without spending it, and it refills over the period.
/// </summary>
public sealed class ScaleOutTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-27T00:00:00Z"));
    private readonly CapturingLauncher _launcher = new();
    private readonly EngineHarness _harness;

    public ScaleOutTests()
    {
        _harness = new EngineHarness(new ExecutionOptions { ScaleOutLimit = 2, ScaleOutPeriod = TimeSpan.FromSeconds(10) }, _launcher, time: _clock);
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task BurstBeyondTheRate_IsThrottled_WarmInvokesAreNot_AndTheRateRefills()
    {
        var code = _harness.WriteCode(("app.py", "import time\ndef handler(event, context):\n    time.sleep(event['hold'])\n    return 'ok'\n"));
        var spec = EngineHarness.Spec("python3.12", "app.handler", code, timeoutSeconds: 30);
        Task<InvocationOutcome> Invoke(double hold) => _harness.Engine.InvokeAsync(spec, EngineHarness.Request($$"""{"hold": {{hold}}}"""), CancellationToken.None);

        // Four at once while none is warm: two new environments, two throttles (thrown before any process starts).
        var burst = Enumerable.Range(0, 4).Select(_ => Invoke(2)).ToList();
        var throttled = 0;
        var ran = 0;
        foreach (var invocation in burst)
        {
            try
            {
                Assert.Equal(InvocationStatus.Success, (await invocation.Within(60, "the burst")).Status);
                ran++;
            }
            catch (ScaleOutThrottledException)
            {
                throttled++;
            }
        }
        Assert.Equal((2, 2), (ran, throttled));
        Assert.Equal(2, _launcher.Count);

        // Both environments are warm now: two more invokes at once need no new environment.
        var warm = await Task.WhenAll(Invoke(0), Invoke(0)).Within(60, "warm invokes");
        Assert.All(warm, o => Assert.Equal(InvocationStatus.Success, o.Status));
        Assert.Equal(2, _launcher.Count);

        // A third concurrent one needs a new environment: still throttled until the clock refills the rate.
        var holding = new[] { Invoke(3), Invoke(3) };
        await Assert.ThrowsAsync<ScaleOutThrottledException>(() => Invoke(0).Within(60, "a third environment"));
        _clock.Advance(TimeSpan.FromSeconds(5)); // half the period: one new environment
        Assert.Equal(InvocationStatus.Success, (await Invoke(0).Within(60, "the refilled start")).Status);
        Assert.Equal(3, _launcher.Count);
        await Task.WhenAll(holding).Within(60, "the held invokes");
    }
}
