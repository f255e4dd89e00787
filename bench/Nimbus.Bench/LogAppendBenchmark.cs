using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.Bench;

/// <summary>
/// The log store's share of Lambda's log delivery on its own: pages of warm invokes' three lines (START, END, REPORT),
/// as <c>LogIngestion</c> hands them to <see cref="SqliteLogStore.AppendAsync"/> (one transaction per page, pages of
/// <c>LogIngestion.MaxBatchesPerTransaction</c> appends, a few streams), into a real SQLite file. Reports the CPU of
/// the calling thread per line and per invoke — the page is built outside the measured time, and the thread's CPU time
/// leaves out the JIT's and the GC's background threads (which made the process's CPU time vary by a third from run
/// to run on a loaded machine), so what is left is the store: the inserts, their index entries, the statistics update
/// and the commit's fsync.
/// </summary>
internal static class LogAppendBenchmark
{
    private const int Streams = 4;

    /// <summary><c>bench/run log-append [--invokes 100000] [--passes 5]</c></summary>
    public static Task RunAsync(string[] args)
    {
        var invokes = Option(args, "--invokes", 100_000);
        var passes = Option(args, "--passes", 5);
        var perPage = Option(args, "--page", 2_500);
        var directory = Path.Combine(Path.GetTempPath(), "nimbus-bench-log-append-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var store = SqliteLogStore.Open(Path.Combine(directory, "logs.db"));
            var pages = Enumerable.Range(0, Math.Max(1, invokes / perPage)).Select(page => Page(page, perPage)).ToList();
            // One untimed pass: JIT (to the optimized tier), statement preparation, the group and streams' rows.
            AppendAll(store, pages);
            var results = new List<double>();
            for (var pass = 0; pass < passes; pass++)
            {
                var cpuStarted = ThreadCpu.Now();
                AppendAll(store, pages);
                var lines = pages.Sum(page => page.EventCount);
                results.Add((ThreadCpu.Now() - cpuStarted).TotalMicroseconds / lines);
            }
            var median = Stats.Percentile(results, 50);
            Console.WriteLine($"| log store append ({pages.Count * perPage:N0} invokes × 3 lines, pages of {perPage:N0}, {passes} passes) | CPU µs |");
            Console.WriteLine("|------------------------------------------------------------------|--------|");
            Console.WriteLine($"| per line, median pass                                            | {median,6:F2} |");
            Console.WriteLine($"| per line, min … max                                              | {results.Min(),6:F2} … {results.Max():F2} |");
            Console.WriteLine($"| per invoke (3 lines), median pass                                | {median * 3,6:F2} |");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return Task.CompletedTask;
    }

    /// <summary>The SQLite store completes synchronously: all of its work, the commit's fsync included, is this thread's.</summary>
    private static void AppendAll(SqliteLogStore store, IReadOnlyList<LogPage> pages)
    {
        foreach (var page in pages)
        {
            var appended = store.AppendAsync(page, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), createMissing: true, CancellationToken.None);
            if (!appended.IsCompletedSuccessfully || appended.Result != AppendOutcome.Stored)
            {
                throw new InvalidOperationException("The store did not complete the append synchronously.");
            }
        }
    }

    private static LogPage Page(int number, int invokes)
    {
        var page = new LogPage();
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + number;
        for (var i = 0; i < invokes; i++)
        {
            var requestId = Guid.NewGuid().ToString();
            page.Add(AwsScope.Default, "/aws/lambda/observed", "2026/11/27/[$LATEST]stream" + i % Streams, [
                new LogRecord(ms, $"START RequestId: {requestId} Version: $LATEST"),
                new LogRecord(ms, $"END RequestId: {requestId}"),
                new LogRecord(ms, $"REPORT RequestId: {requestId}\tDuration: {1.23 + i % 50 / 10.0:F2} ms\tBilled Duration: {2 + i % 5} ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t"),
            ]);
        }
        return page;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
