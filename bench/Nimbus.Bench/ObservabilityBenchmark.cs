using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Metering;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// What metering, logging and metrics cost a warm invoke (issue 8: under 5% of warm-invoke throughput), and how fast
/// logs are ingested. Two servers run in this process at once: one as shipped, one with every invocation report sink
/// (CloudWatch metrics, billing, Prometheus) and metric publisher removed and function logs discarded. The same no-op function is driven
/// on both in alternating rounds, so drift in the machine's load falls on both sides alike. Then log ingestion:
/// Lambda's delivery seam (ILogIngestion, batches of four lines as an invoke writes them) and PutLogEvents over HTTP.
/// Then the CPU per invoke of all the sinks driven directly (<see cref="ObservabilityCostBenchmark"/>) against the CPU
/// a warm invoke costs with them off (server, client and the function's runtime): the verdict that holds under load.
/// Options: <c>--rounds 6 --seconds 3 --concurrency 16 --warm 500 --lines 200000 --cost-invokes 20000 --memory 1769 --runtime nodejs20.x</c>.
/// </summary>
internal static class ObservabilityBenchmark
{
    /// <summary>The rate the sinks are driven at for the CPU figure: about what the warm invoke path sustains here.</summary>
    private const int CostRate = 4_000;

    public static async Task RunAsync(string[] args)
    {
        var costInvokes = Option(args, "--cost-invokes", 20_000);
        // A 128 MB function gets 7.2 ms of CPU per 100 ms, as on Lambda: at a few thousand invokes/s its sandboxes'
        // quota, not the machine, would cap the rounds (and make them swing). One vCPU's worth keeps the machine the limit.
        var memory = Option(args, "--memory", 1_769);
        var rounds = Option(args, "--rounds", 6);
        var seconds = Option(args, "--seconds", 3.0);
        var concurrency = Option(args, "--concurrency", 16);
        var warmInvokes = Option(args, "--warm", 500);
        var lines = Option(args, "--lines", 200_000);
        var runtime = args.SkipWhile(a => a != "--runtime").Skip(1).FirstOrDefault() ?? "nodejs20.x";

        var onDirectory = TempDirectory("on");
        var offDirectory = TempDirectory("off");
        await using var on = await StartAsync(onDirectory, null);
        await using var off = await StartAsync(offDirectory, services =>
        {
            services.RemoveAll<IInvocationReportSink>();
            services.RemoveAll<IMetricPublisher>();
            services.RemoveAll<ILogIngestion>();
            services.AddSingleton<ILogIngestion, DiscardingLogIngestion>();
        });
        using var onClient = new LambdaBenchClient(on.Endpoint);
        using var offClient = new LambdaBenchClient(off.Endpoint);
        var load = LoadAverage();
        try
        {
            await onClient.CreateNoOpFunctionAsync("observed", runtime, memorySizeMb: memory);
            await offClient.CreateNoOpFunctionAsync("observed", runtime, memorySizeMb: memory);
            Console.Error.WriteLine($"warming both servers ({runtime}, concurrency {concurrency})...");
            foreach (var client in new[] { onClient, offClient })
            {
                await WarmUpAsync(client, concurrency);
                await InvokeBenchmark.RunLoadAsync(client, "observed", concurrency, seconds * 2);
            }

            var throughputOn = new List<double>();
            var throughputOff = new List<double>();
            var latencyOn = new List<double>();
            var latencyOff = new List<double>();
            // CPU the benchmark process (both servers, their writers, the client) spends per invoke: unlike invokes/s,
            // it holds still when other work loads the machine.
            var cpuOn = new List<double>();
            var cpuOff = new List<double>();
            // The functions' runtimes (child processes) work for every invoke too; on a CPU-bound machine their time
            // is part of what an invoke costs.
            var childOn = new List<double>();
            var childOff = new List<double>();
            // Queued reports and lines live until their writer commits, so they survive gen0 collections: count the
            // older-generation collections each side causes.
            var olderGcs = new long[2];
            var gcPauses = new TimeSpan[2];
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which side goes first so neither always runs right after the other's burst.
                var order = round % 2 == 0 ? new[] { true, false } : [false, true];
                foreach (var isOn in order)
                {
                    var client = isOn ? onClient : offClient;
                    var started = Stopwatch.GetTimestamp();
                    var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
                    var childStarted = ChildProcessCpu.Total();
                    var gcsStarted = GC.CollectionCount(1);
                    var pausedStarted = GC.GetTotalPauseDuration();
                    var count = await InvokeBenchmark.RunLoadAsync(client, "observed", concurrency, seconds);
                    (isOn ? throughputOn : throughputOff).Add(count / Stopwatch.GetElapsedTime(started).TotalSeconds);
                    (isOn ? cpuOn : cpuOff).Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalMicroseconds / Math.Max(1, count));
                    (isOn ? childOn : childOff).Add((ChildProcessCpu.Total() - childStarted).TotalMicroseconds / Math.Max(1, count));
                    olderGcs[isOn ? 0 : 1] += GC.CollectionCount(1) - gcsStarted;
                    gcPauses[isOn ? 0 : 1] += GC.GetTotalPauseDuration() - pausedStarted;
                    for (var i = 0; i < warmInvokes / rounds; i++)
                    {
                        (isOn ? latencyOn : latencyOff).Add(await client.TimedInvokeAsync("observed"));
                    }
                }
                Console.Error.WriteLine($"round {round + 1}/{rounds}: on {throughputOn[^1]:F0}/s, off {throughputOff[^1]:F0}/s");
            }

            Console.Error.WriteLine($"observability CPU per invoke, sinks driven directly at {CostRate:N0}/s...");
            var observabilityCpu = await ObservabilityCostBenchmark.MeasureTotalAsync(on, costInvokes, CostRate);

            Console.Error.WriteLine($"log ingestion ({lines:N0} lines)...");
            var delivery = await MeasureDeliveryAsync(on, lines);
            var put = await MeasurePutLogEventsAsync(on.Endpoint, lines / 4);

            var medianOn = Stats.Percentile(throughputOn, 50);
            var medianOff = Stats.Percentile(throughputOff, 50);
            Console.WriteLine();
            Console.WriteLine($"Nimbus observability overhead — {Environment.ProcessorCount} cores, load average {load} at start, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {runtime} at {memory} MB");
            Console.WriteLine($"| metering+logs+metrics | invokes/s @c{concurrency} (median of {rounds}) | process CPU µs/invoke | warm p50 (ms) | warm p99 (ms) |");
            Console.WriteLine("|-----------------------|--------------------------|-----------------------|---------------|---------------|");
            Console.WriteLine($"| on                    | {medianOn,24:F0} | {Stats.Percentile(cpuOn, 50),21:F0} | {Stats.Percentile(latencyOn, 50),13:F2} | {Stats.Percentile(latencyOn, 99),13:F2} |");
            Console.WriteLine($"| off                   | {medianOff,24:F0} | {Stats.Percentile(cpuOff, 50),21:F0} | {Stats.Percentile(latencyOff, 50),13:F2} | {Stats.Percentile(latencyOff, 99),13:F2} |");
            // Whichever side runs second in a round is slower (measured: ~5,400 vs ~3,900 invokes/s for either side), so a
            // median of rounds is decided by which side ran first more often. Each pair of rounds runs each side once first
            // and once second: the median over pairs compares like with like.
            var pairs = Enumerable.Range(0, rounds / 2)
                .Select(p => 1 - (throughputOn[2 * p] + throughputOn[2 * p + 1]) / (throughputOff[2 * p] + throughputOff[2 * p + 1]))
                .ToList();
            var pairedOverhead = pairs.Count > 0 ? Stats.Percentile(pairs, 50) * 100 : double.NaN;
            Console.WriteLine($"Throughput overhead: {pairedOverhead:F1}% as the median over {pairs.Count} pairs of rounds (each side once first, once second; target < 5%), " +
                $"{(1 - medianOn / medianOff) * 100:F1}% from the medians of rounds; server+client CPU per invoke {(Stats.Percentile(cpuOn, 50) / Stats.Percentile(cpuOff, 50) - 1) * 100:F1}% more with them on. Rounds on: {string.Join(", ", throughputOn.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}; off: {string.Join(", ", throughputOff.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}");
            var invokeCpu = Stats.Percentile(cpuOff, 50) + Stats.Percentile(childOff, 50);
            Console.WriteLine();
            Console.WriteLine("| CPU per warm invoke                                                    | µs     |");
            Console.WriteLine("|------------------------------------------------------------------------|--------|");
            Console.WriteLine($"| observability off: server + client process (median of rounds)          | {Stats.Percentile(cpuOff, 50),6:F0} |");
            Console.WriteLine($"| observability off: the function's runtime processes                    | {Stats.Percentile(childOff, 50),6:F0} |");
            Console.WriteLine($"| observability on: server + client / runtime processes (for comparison) | {Stats.Percentile(cpuOn, 50),6:F0} / {Stats.Percentile(childOn, 50):F0} |");
            Console.WriteLine($"| metering + logs + metrics, all sinks driven at {CostRate:N0}/s (median of 3)    | {observabilityCpu,6:F1} |");
            Console.WriteLine($"CPU verdict: observability adds {observabilityCpu:F1} µs to a {invokeCpu:F0} µs warm invoke, so on a CPU-bound machine it costs " +
                $"{observabilityCpu / (invokeCpu + observabilityCpu) * 100:F1}% of warm-invoke throughput (target < 5%). Unlike invokes/s, CPU per invoke holds still when other work loads the machine.");
            Console.WriteLine($"Gen1+ garbage collections during the rounds: on {olderGcs[0]}, off {olderGcs[1]}; GC pauses on {gcPauses[0].TotalMilliseconds:F0} ms, off {gcPauses[1].TotalMilliseconds:F0} ms.");
            Console.WriteLine();
            Console.WriteLine("| log ingestion                                   | lines/s |");
            Console.WriteLine("|-------------------------------------------------|---------|");
            Console.WriteLine($"| Lambda delivery (ILogIngestion, 4-line batches) | {delivery,7:F0} |");
            Console.WriteLine($"| PutLogEvents over HTTP (1,000-line batches)     | {put,7:F0} |");
        }
        finally
        {
            TryDelete(onDirectory);
            TryDelete(offDirectory);
        }
    }

    /// <summary>
    /// Starts the environments the load needs a few at a time: on a loaded host many cold starts at once can pass
    /// the 10 s init limit. A warm-up invoke that fails is tried again.
    /// </summary>
    private static async Task WarmUpAsync(LambdaBenchClient client, int concurrency)
    {
        for (var width = 1; ; width = Math.Min(width * 2, concurrency))
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var results = await Task.WhenAll(Enumerable.Range(0, width).Select(async _ =>
                {
                    try
                    {
                        await client.TimedInvokeAsync("observed");
                        return true;
                    }
                    catch (InvalidOperationException)
                    {
                        return false;
                    }
                }));
                if (results.All(ok => ok))
                {
                    break;
                }
            }
            if (width == concurrency)
            {
                return;
            }
        }
    }

    /// <summary>Lines a second through Lambda's delivery seam until all are stored and readable (FlushAsync).</summary>
    private static async Task<double> MeasureDeliveryAsync(NimbusHost host, int lines)
    {
        var ingestion = host.Services.GetRequiredService<ILogIngestion>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < lines / 4; i++)
        {
            var requestId = Guid.NewGuid().ToString();
            ingestion.Append(AwsScope.Default, "/aws/lambda/ingest", "2026/11/27/[$LATEST]" + (i % 16).ToString("x32", CultureInfo.InvariantCulture), [
                new LogRecord(now + i, $"START RequestId: {requestId} Version: $LATEST"),
                new LogRecord(now + i, $"2026-11-27T00:00:00.000Z\t{requestId}\tINFO\tprocessing item {i}"),
                new LogRecord(now + i, $"END RequestId: {requestId}"),
                new LogRecord(now + i, $"REPORT RequestId: {requestId}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t"),
            ]);
        }
        await ingestion.FlushAsync();
        return lines / 4 * 4 / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Lines a second through PutLogEvents, sequential calls of 1,000 events (≈ 100 KB) to one stream.</summary>
    private static async Task<double> MeasurePutLogEventsAsync(Uri endpoint, int lines)
    {
        using var http = new HttpClient { BaseAddress = endpoint };
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=bench/20261127/us-east-1/logs/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
        await CallAsync(http, "CreateLogGroup", """{"logGroupName":"/bench/put"}""");
        await CallAsync(http, "CreateLogStream", """{"logGroupName":"/bench/put","logStreamName":"s"}""");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < lines)
        {
            var body = new StringBuilder("""{"logGroupName":"/bench/put","logStreamName":"s","logEvents":[""");
            for (var i = 0; i < 1_000; i++, sent++)
            {
                body.Append(i == 0 ? "" : ",").Append("{\"timestamp\":").Append(now).Append(",\"message\":\"GET /items/")
                    .Append(sent).Append(" 200 1234 bytes in 12 ms from 10.0.0.1 user-agent curl/8.0 request ok\"}");
            }
            await CallAsync(http, "PutLogEvents", body.Append("]}").ToString());
        }
        return sent / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task CallAsync(HttpClient http, string operation, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Logs_20140328." + operation);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static Task<NimbusHost> StartAsync(string directory, Action<IServiceCollection>? configure) =>
        NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = directory }, logging => logging.SetMinimumLevel(LogLevel.Warning), configure);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static T Option<T>(string[] args, string name, T fallback) where T : IParsable<T>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? T.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string TempDirectory(string side) => Path.Combine(Path.GetTempPath(), $"nimbus-bench-obs-{side}-" + Guid.NewGuid().ToString("N")[..8]);

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
}
