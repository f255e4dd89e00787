using System.Globalization;

namespace Nimbus.Bench;

/// <summary>Prints the observability benchmark's tables and verdicts.</summary>
internal static class ObservabilityReport
{
    public sealed record Context(string Runtime, int Memory, int Concurrency, int Rounds, string Load, int CostRate);

    public static void Print(ObservabilityRounds results, Context context, double directCpu, double deliveryLines, double putLines)
    {
        var (on, off) = (results.Sides[0], results.Sides[1]);
        Console.WriteLine();
        Console.WriteLine($"Nimbus observability overhead — {Environment.ProcessorCount} cores, load average {context.Load} at start, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
            $"{context.Runtime} at {context.Memory} MB, each side a server process of its own");
        Console.WriteLine($"| metering+logs+metrics | invokes/s @c{context.Concurrency} (median of {context.Rounds}) | CPU µs/invoke: server | runtime | client | total | warm p50 (ms) | warm p99 (ms) | GCs gen0/1/2 |");
        Console.WriteLine("|-----------------------|-----------------------------|-----------------------|---------|--------|-------|---------------|---------------|--------------|");
        foreach (var side in new[] { ("on", on), ("off", off) })
        {
            var s = side.Item2;
            Console.WriteLine($"| {side.Item1,-21} | {Stats.Percentile(s.Throughput, 50),27:F0} | {s.ServerMicroseconds,21:F0} | {s.RuntimeMicroseconds,7:F0} | {s.ClientMicroseconds,6:F0} | " +
                $"{s.TotalMicroseconds,5:F0} | {Stats.Percentile(s.Latencies, 50),13:F2} | {Stats.Percentile(s.Latencies, 99),13:F2} | " +
                $"{$"{s.Collections.Gen0}/{s.Collections.Gen1}/{s.Collections.Gen2}",12} |");
        }
        var rounds = results.RoundOverheads();
        Console.WriteLine();
        Console.WriteLine($"Throughput overhead: {Stats.Percentile(rounds, 50) * 100:F1}% as the median of {rounds.Count} rounds ({Join(rounds.Select(p => p * 100), "F1")}), " +
            $"{(1 - on.OverallThroughput / off.OverallThroughput) * 100:F1}% over all measured invokes; both sides ran at once, at concurrency {context.Concurrency} each. Target < 5%.");
        Console.WriteLine($"Rounds on: {Join(on.Throughput, "F0")}; off: {Join(off.Throughput, "F0")} invokes/s.");
        Console.WriteLine($"CPU verdict: a warm invoke costs the machine {on.TotalMicroseconds:F0} µs with observability on and {off.TotalMicroseconds:F0} µs off " +
            $"(server {on.ServerMicroseconds - off.ServerMicroseconds:+0;-0} µs, runtime {on.RuntimeMicroseconds - off.RuntimeMicroseconds:+0;-0} µs, client {on.ClientMicroseconds - off.ClientMicroseconds:+0;-0} µs), " +
            $"so on a CPU-bound machine it costs {(1 - off.TotalMicroseconds / on.TotalMicroseconds) * 100:F1}% of warm-invoke throughput (target < 5%). " +
            "Unlike invokes/s, CPU per invoke holds still when other work loads the machine.");
        Console.WriteLine($"Context switches of the server's threads per invoke: on {on.ServerSwitchesPerInvoke:F1}, off {off.ServerSwitchesPerInvoke:F1}.");
        Console.WriteLine($"All sinks plus three log lines per invoke driven directly at {context.CostRate:N0}/s, in process: {directCpu:F1} µs per invoke " +
            $"({directCpu / off.TotalMicroseconds * 100:F1}% of the warm invoke's CPU with observability off).");
        Console.WriteLine();
        Console.WriteLine("| log ingestion                                   | lines/s |");
        Console.WriteLine("|-------------------------------------------------|---------|");
        Console.WriteLine($"| Lambda delivery (ILogIngestion, 4-line batches) | {deliveryLines,7:F0} |");
        Console.WriteLine($"| PutLogEvents over HTTP (1,000-line batches)     | {putLines,7:F0} |");
    }

    private static string Join(IEnumerable<double> values, string format) =>
        string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
