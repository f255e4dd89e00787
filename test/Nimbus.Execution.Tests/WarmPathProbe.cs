using System.Diagnostics;
using Xunit.Abstractions;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

/// <summary>Rough numbers for the warm path (the real targets are measured end to end through the HTTP API).</summary>
public sealed class WarmPathProbe(ITestOutputHelper output) : IDisposable
{
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [Trait("Category", "Probe")]
    [InlineData("nodejs20.x", "index.handler")]
    [InlineData("python3.12", "app.handler")]
    public async Task WarmInvoke_IsFastSequentiallyAndAtConcurrency16(string runtime, string handler)
    {
        var code = _harness.WriteCode(("index.js", "exports.handler = async (e) => { if (e.sleep) await new Promise(r => setTimeout(r, 200)); return e; };"), ("app.py", "import time\ndef handler(e, c):\n    if e.get(\"sleep\"): time.sleep(0.2)\n    return e\n"));
        var spec = EngineHarness.Spec(runtime, handler, code);
        // A first function pays for JIT-compiling the engine; the second one's cold start is the one that counts.
        await _harness.InvokeAsync(EngineHarness.Spec(runtime, handler, code), EngineHarness.Request());
        var cold = Stopwatch.StartNew();
        await _harness.InvokeAsync(spec, EngineHarness.Request());
        output.WriteLine($"{runtime} cold start: {cold.Elapsed.TotalMilliseconds:F1} ms");

        var samples = new double[500];
        for (var i = 0; i < samples.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await _harness.Engine.InvokeAsync(spec, EngineHarness.Request("""{"i":1}"""), CancellationToken.None);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        output.WriteLine($"{runtime} warm p50 {samples[250]:F3} ms, p99 {samples[495]:F3} ms");

        // Scale the pool out to 16 environments first: cold starts are not what this measures.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _harness.InvokeAsync(spec, EngineHarness.Request("{\"sleep\":1}"))));
        var total = Stopwatch.StartNew();
        const int perWorker = 200;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                await _harness.Engine.InvokeAsync(spec, EngineHarness.Request(), CancellationToken.None);
            }
        })).Within(120, "running 3,200 invocations at concurrency 16");
        output.WriteLine($"{runtime} concurrency 16: {16 * perWorker / total.Elapsed.TotalSeconds:F0} invokes/s");
        Assert.True(samples[250] < 50, $"warm p50 {samples[250]} ms");
    }
}
