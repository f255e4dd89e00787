using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class LifecycleTests : IDisposable
{
    private readonly CapturingLauncher _launcher = new();
    private readonly EngineHarness _harness;

    public LifecycleTests()
    {
        _harness = new EngineHarness(new ExecutionOptions { IdleTimeout = TimeSpan.FromMilliseconds(1) }, _launcher);
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task RetireAsync_StopsIdleEnvironmentsAndNextInvokeColdStarts()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => 1;"));
        var spec = EngineHarness.Spec("nodejs20.x", "index.handler", code);
        await _harness.InvokeAsync(spec, EngineHarness.Request());
        var (_, first) = await _launcher.NextLaunchAsync();

        await _harness.Engine.RetireAsync(spec.FunctionKey);

        var exit = await first.Exited.Within(10, "waiting for the retired environment to die");
        Assert.Equal(9, exit.Signal);
        Assert.DoesNotContain(_harness.Engine.Snapshot(), s => s.FunctionKey == spec.FunctionKey);
        var again = await _harness.InvokeAsync(spec, EngineHarness.Request(), phase: "invoking after retire");
        Assert.NotNull(again.InitDurationMs);
    }

    [Fact]
    public async Task ReapIdle_StopsEnvironmentsIdleLongerThanTheKeepAlive()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async () => 1;"));
        var spec = EngineHarness.Spec("nodejs20.x", "index.handler", code);
        await _harness.InvokeAsync(spec, EngineHarness.Request());
        var (_, process) = await _launcher.NextLaunchAsync();

        await process.Exited.Within(10, "waiting for the idle environment to be reaped");

        Assert.Equal(0, Assert.Single(_harness.Engine.Snapshot(), s => s.PoolKey == spec.PoolKey).Idle);
    }
}
