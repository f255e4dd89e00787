using System.Diagnostics;
using System.Net;
using Nimbus.Lambda.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nimbus.Lambda.Tests;

/// <summary>
/// A quick look at the warm invoke path over real HTTP with the engine stubbed out (measures Lambda + edge only).
/// Prints numbers, asserts only correctness: benchmarks with targets live in bench/.
/// </summary>
public sealed class InvokeThroughputProbe : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private LambdaTestHost _host = null!;

    public InvokeThroughputProbe(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    [Trait("Category", "Probe")]
    public async Task WarmInvoke_Concurrency16_ReportsThroughputAndLatency()
    {
        await _host.CreateFunctionAsync("fast");
        _host.Engine.Handler = FakeExecutionEngine.Echo;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = _host.Endpoint };
        async Task<TimeSpan> One()
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/2015-03-31/functions/fast/invocations", new ByteArrayContent("{\"k\":1}"u8.ToArray()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
            return Stopwatch.GetElapsedTime(started);
        }
        for (var i = 0; i < 500; i++)
        {
            await One();
        }
        var single = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            single.Add((await One()).TotalMilliseconds);
        }
        single.Sort();
        const int total = 20000;
        var remaining = total;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await One();
            }
        }));
        var rate = total / clock.Elapsed.TotalSeconds;
        _output.WriteLine($"sequential p50 {single[500]:F3} ms, p99 {single[990]:F3} ms; concurrency 16: {rate:F0} invokes/s");
    }
}
