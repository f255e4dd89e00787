using System.Text;
using System.Text.Json;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class NodeRuntimeTests : IDisposable
{
    private const string Runtime = "nodejs20.x";
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string Text(InvocationOutcome outcome) => Encoding.UTF8.GetString(outcome.Payload.Span);

    [Fact]
    public async Task Invoke_AsyncHandler_ReturnsResultAndWritesStartEndReport()
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async (event) => { console.log('hello', event.name); return { greeting: 'hi ' + event.name }; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);
        var request = EngineHarness.Request("""{"name":"ada"}""");

        var outcome = await _harness.InvokeAsync(spec, request);

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Equal("""{"greeting":"hi ada"}""", Text(outcome));
        Assert.NotNull(outcome.InitDurationMs);
        var lines = _harness.Logs.Invocation(spec.LogGroupName, request.RequestId);
        Assert.Equal($"START RequestId: {request.RequestId} Version: $LATEST", lines[0]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t" + request.RequestId + @"\tINFO\thello ada$", lines[1]);
        Assert.Equal($"END RequestId: {request.RequestId}", lines[2]);
        Assert.Matches(@"^REPORT RequestId: \S+\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$", lines[3]);
        var stream = Assert.Single(_harness.Logs.Streams(spec.LogGroupName));
        Assert.Matches(@"^\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}$", stream);
    }

    [Fact]
    public async Task Invoke_Sequentially_ReusesWarmEnvironmentWithoutInitDuration()
    {
        var code = _harness.WriteCode(("index.js", "let n = 0; exports.handler = async () => ++n;"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);

        var first = await _harness.InvokeAsync(spec, EngineHarness.Request(), phase: "cold invoke");
        var second = await _harness.InvokeAsync(spec, EngineHarness.Request(), phase: "warm invoke");

        Assert.Equal("1", Text(first));
        Assert.Equal("2", Text(second));
        Assert.NotNull(first.InitDurationMs);
        Assert.Null(second.InitDurationMs);
        Assert.DoesNotContain("Init Duration", _harness.Logs.Messages(spec.LogGroupName).Last());
    }

    [Fact]
    public async Task Invoke_Concurrently_StartsTwoEnvironments()
    {
        // Each invocation waits until the other has started: only two environments can answer.
        var code = _harness.WriteCode(("index.js", "const id = require('crypto').randomUUID(); exports.handler = async (e) => { await new Promise(r => setTimeout(r, 300)); return id; };"));
        var spec = EngineHarness.Spec(Runtime, "index.handler", code);

        var outcomes = await Task.WhenAll(
            _harness.InvokeAsync(spec, EngineHarness.Request()),
            _harness.InvokeAsync(spec, EngineHarness.Request()));

        Assert.All(outcomes, o => Assert.Equal(InvocationStatus.Success, o.Status));
        Assert.NotEqual(Text(outcomes[0]), Text(outcomes[1]));
        Assert.Equal(2, _harness.Logs.Streams(spec.LogGroupName).Count);
        var snapshot = Assert.Single(_harness.Engine.Snapshot(), s => s.PoolKey == spec.PoolKey);
        Assert.Equal(2, snapshot.Idle);
    }
}
