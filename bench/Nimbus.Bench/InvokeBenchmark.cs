using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Nimbus.Execution;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// The invoke hot path end to end, as a client sees it: HTTP Invoke on the edge endpoint → environment → Runtime API
/// → response. For each runtime: warm latency at concurrency 1 (p50/p99), throughput at concurrency 16, and the
/// cold start (first invoke after CreateFunction) p50.
/// </summary>
internal static class InvokeBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-bench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await NimbusHost.StartAsync(
            new NimbusOptions { Port = 0, DataDirectory = dataDirectory },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var client = new LambdaBenchClient(host.Endpoint);
        var rows = new List<BenchRow>();
        try
        {
            foreach (var runtime in options.Runtimes)
            {
                Console.Error.WriteLine($"[{runtime}] cold starts ({options.ColdStarts})...");
                var cold = new List<double>();
                for (var i = 0; i < options.ColdStarts; i++)
                {
                    var name = $"cold-{runtime.Replace('.', '-')}-{i}";
                    await client.CreateNoOpFunctionAsync(name, runtime);
                    var latency = await client.TimedInvokeAsync(name);
                    // The first cold start of a kind starts its stem-cell pool (and is the plain path): not counted.
                    if (i > 0 || options.ColdStarts == 1)
                    {
                        cold.Add(latency);
                    }
                    await EngineBenchmark.WaitForBootedCellsAsync(host.Services.GetService(typeof(IExecutionEngine)) as ExecutionEngine);
                }

                var warmName = $"warm-{runtime.Replace('.', '-')}";
                await client.CreateNoOpFunctionAsync(warmName, runtime);
                Console.Error.WriteLine($"[{runtime}] warm invokes at concurrency 1 ({options.WarmInvokes})...");
                for (var i = 0; i < 50; i++)
                {
                    await client.TimedInvokeAsync(warmName);
                }
                var warm = new List<double>(options.WarmInvokes);
                for (var i = 0; i < options.WarmInvokes; i++)
                {
                    warm.Add(await client.TimedInvokeAsync(warmName));
                }

                Console.Error.WriteLine($"[{runtime}] throughput at concurrency {options.Concurrency} ({options.ThroughputSeconds} s)...");
                var throughput = await MeasureThroughputAsync(client, warmName, options);
                rows.Add(new BenchRow(runtime, Stats.Percentile(warm, 50), Stats.Percentile(warm, 99), throughput, Stats.Percentile(cold, 50)));
            }
        }
        finally
        {
            TryDelete(dataDirectory);
        }

        Console.WriteLine();
        Console.WriteLine($"Nimbus invoke benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine("| runtime         | warm p50 (ms) | warm p99 (ms) | invokes/s @c" + options.Concurrency.ToString().PadRight(3) + "| cold start p50 (ms) |");
        Console.WriteLine("|-----------------|---------------|---------------|-----------------|---------------------|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Runtime,-15} | {row.WarmP50,13:F2} | {row.WarmP99,13:F2} | {row.Throughput,15:F0} | {row.ColdP50,19:F1} |");
        }
    }

    private static async Task<double> MeasureThroughputAsync(LambdaBenchClient client, string name, BenchOptions options)
    {
        // Warm up as many environments as the concurrency needs, then run the same load unmeasured for a while: the
        // first seconds at concurrency still tier up (JIT) the server's and client's hot paths (perf showed the JIT
        // threads at ~40% of the CPU in the 5 s window right after the warm phase and still ~20% 5 s later), and the figure
        // is meant to be the steady state of a long-running server.
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => client.TimedInvokeAsync(name)));
        await RunLoadAsync(client, name, options.Concurrency, options.ThroughputWarmupSeconds);
        var started = Stopwatch.GetTimestamp();
        var count = await RunLoadAsync(client, name, options.Concurrency, options.ThroughputSeconds);
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Invokes <paramref name="name"/> from <paramref name="concurrency"/> loops for <paramref name="seconds"/>; returns the count.</summary>
    internal static async Task<int> RunLoadAsync(LambdaBenchClient client, string name, int concurrency, double seconds)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await client.TimedInvokeAsync(name);
                n++;
            }
            return n;
        }));
        return counts.Sum();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record BenchRow(string Runtime, double WarmP50, double WarmP99, double Throughput, double ColdP50);
}
