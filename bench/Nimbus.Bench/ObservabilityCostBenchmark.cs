using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Billing.Usage;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Metering;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// The CPU that metering, logging and metrics spend per invocation, measured without invoking anything: a warm
/// no-op invoke's report goes to every <see cref="IInvocationReportSink"/> and its three log lines (START, END,
/// REPORT) to <see cref="ILogIngestion"/>, as the engine hands them over, and the writers are flushed. Unlike
/// invokes a second on a shared two-core machine, process CPU time per invoke holds still under load, so this is the
/// figure the overhead is judged by, next to the CPU a warm invoke costs with observability off.
/// </summary>
internal static class ObservabilityCostBenchmark
{
    private const string FunctionName = "observed";


    private const int DefaultPasses = 3;

    /// <summary>
    /// <c>bench/run observability-cost [--invokes 40000] [--rate 4000] [--passes 3] [--part LogIngestion]</c>: one
    /// server, the table of parts (those whose name contains <c>--part</c>, when given).
    /// </summary>
    public static async Task RunAsync(string[] args)
    {
        var invokes = Option(args, "--invokes", 40_000);
        var rate = Option(args, "--rate", 4_000);
        var passes = Option(args, "--passes", DefaultPasses);
        var partIndex = Array.IndexOf(args, "--part");
        var onlyPart = partIndex >= 0 && partIndex + 1 < args.Length ? args[partIndex + 1] : null;
        var directory = Path.Combine(Path.GetTempPath(), "nimbus-bench-obs-cost-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = directory },
                logging => logging.SetMinimumLevel(LogLevel.Warning), null);
            var results = await MeasureAsync(host, invokes, rate, passes, onlyPart);
            Console.WriteLine($"| observability part ({invokes:N0} invokes at {rate:N0}/s) | CPU µs per invoke |");
            Console.WriteLine("|------------------------------------------------|-------------------|");
            foreach (var (part, cpu) in results)
            {
                Console.WriteLine($"| {part,-46} | {cpu,17:F1} |");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>All parts together, median of the passes: the figure the observability benchmark's verdict uses.</summary>
    public static async Task<double> MeasureTotalAsync(NimbusHost host, int invokes, int rate)
    {
        var sinks = host.Services.GetServices<IInvocationReportSink>().Append(new MetricPublisherSink(host.Services)).ToArray();
        var logs = host.Services.GetRequiredService<ILogIngestion>();
        var discard = new DiscardingLogIngestion();
        var passes = new List<double>();
        for (var pass = 0; pass < DefaultPasses; pass++)
        {
            var producer = await CpuPerInvokeAsync(invokes, rate, [], discard);
            passes.Add(await CpuPerInvokeAsync(invokes, rate, sinks, logs) - producer);
        }
        return Stats.Percentile(passes, 50);
    }

    /// <summary>Runs each part on its own, then all together; returns the CPU µs per invoke of all together.</summary>
    public static async Task<IReadOnlyList<(string Part, double CpuMicroseconds)>> MeasureAsync(NimbusHost host, int invokes, int rate, int passCount = DefaultPasses, string? only = null)
    {
        var sinks = host.Services.GetServices<IInvocationReportSink>().ToArray();
        var logs = host.Services.GetRequiredService<ILogIngestion>();
        // Each part is measured in several passes, interleaved with the producer alone (building the reports and
        // lines and pacing cost by themselves, subtracted); the median pass is reported.
        var discard = new DiscardingLogIngestion();
        var publishers = new MetricPublisherSink(host.Services);
        var parts = sinks.Select(sink => (sink.GetType().Name, new[] { sink }, (ILogIngestion)discard))
            .Append(("metric publishers (2 values)", [publishers], discard))
            .Append(("LogIngestion (3 lines)", [], logs))
            .Append(("all together", [.. sinks, publishers], logs))
            .Where(part => only is null || part.Item1.Contains(only, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var passes = parts.Select(_ => new List<double>()).ToList();
        for (var pass = 0; pass < passCount; pass++)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                var producer = await CpuPerInvokeAsync(invokes, rate, [], discard);
                passes[i].Add(await CpuPerInvokeAsync(invokes, rate, parts[i].Item2, parts[i].Item3) - producer);
            }
        }
        var results = parts.Select((part, i) => (part.Item1, Stats.Percentile(passes[i], 50))).ToList();
        return results;
    }

    private static async Task<double> CpuPerInvokeAsync(int invokes, int rate, IInvocationReportSink[] sinks, ILogIngestion logs)
    {
        // One untimed pass so first-use costs (JIT, statement preparation, row creation) are not counted.
        await DriveAsync(Math.Min(invokes, 2_000), rate, sinks, logs);
        var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
        await DriveAsync(invokes, rate, sinks, logs);
        return (Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalMicroseconds / invokes;
    }

    private static async Task DriveAsync(int invokes, int rate, IInvocationReportSink[] sinks, ILogIngestion logs)
    {
        var stream = "2026/11/27/[$LATEST]" + Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < invokes; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var report = new FunctionInvocationReport
            {
                Scope = AwsScope.Default,
                FunctionName = FunctionName,
                ExecutedVersion = "$LATEST",
                Timestamp = now,
                Architecture = "x86_64",
                MemorySizeMb = 128,
                DurationMs = 1.23 + (i % 50) / 10.0,
                BilledDurationMs = 2 + i % 5,
                MaxMemoryUsedMb = 40,
                ConcurrentExecutions = 1 + i % 8,
            };
            foreach (var sink in sinks)
            {
                sink.Publish(report);
            }
            {
                var requestId = Guid.NewGuid().ToString();
                var ms = now.ToUnixTimeMilliseconds();
                logs.Append(AwsScope.Default, "/aws/lambda/" + FunctionName, stream, [
                    new LogRecord(ms, $"START RequestId: {requestId} Version: $LATEST"),
                    new LogRecord(ms, $"END RequestId: {requestId}"),
                    new LogRecord(ms, $"REPORT RequestId: {requestId}\tDuration: {report.DurationMs:F2} ms\tBilled Duration: {report.BilledDurationMs} ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t"),
                ]);
            }
            // Paced like a busy server (a few thousand invokes a second), so the writers batch as they do in service;
            // a producer that never yields would measure queue-full drops instead.
            if (i % 100 == 99)
            {
                var due = TimeSpan.FromSeconds((i + 1) / (double)rate) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
            }
        }
        await FlushAsync(sinks, logs);
    }

    private static async Task FlushAsync(IInvocationReportSink[] sinks, ILogIngestion logs)
    {
        foreach (var sink in sinks)
        {
            switch (sink)
            {
                case LambdaMetricsSink metrics:
                    await metrics.FlushAsync();
                    break;
                case UsageRecorder usage:
                    await usage.FlushAsync();
                    break;
                case MetricPublisherSink publishers:
                    await publishers.FlushAsync();
                    break;
            }
        }
        await logs.FlushAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
