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
/// logs are ingested. Two servers run as processes of their own (<see cref="ObservabilitySide"/>, Server GC as shipped):
/// one as shipped, one with every invocation report sink (CloudWatch metrics, billing, Prometheus) and metric
/// publisher removed and function logs discarded. The same no-op function is driven on both at the same time, each
/// round after a lead-in, so load from elsewhere falls on both alike; in two sessions of fresh servers, each side
/// started first in one. Each side's CPU per invoke is read from /proc: its server process, its function's runtime
/// processes, and its share of this (client) process. Then, in-process: the CPU per invoke of all the sinks driven
/// directly (<see cref="ObservabilityCostBenchmark"/>) and log ingestion through Lambda's delivery seam (ILogIngestion,
/// batches of four lines as an invoke writes them) and through PutLogEvents over HTTP.
/// Options: <c>--rounds 6 --seconds 3 --lead-in 3 --concurrency 16 --warm 500 --lines 200000 --cost-invokes 20000 --memory 1769 --runtime nodejs20.x</c>;
/// <c>--baseline &lt;another build's Nimbus.Bench.dll&gt;</c> puts that build's server, observability on, in the "off" side's place.
/// </summary>
internal static class ObservabilityBenchmark
{
    /// <summary>The rate the sinks are driven at for the direct CPU figure: about what the warm invoke path sustains here.</summary>
    private const int CostRate = 4_000;

    public static async Task RunAsync(string[] args)
    {
        var costInvokes = Option(args, "--cost-invokes", 20_000);
        // A 128 MB function gets 7.2 ms of CPU per 100 ms, as on Lambda: at a few thousand invokes/s its sandboxes'
        // quota, not the machine, would cap the rounds (and make them swing). One vCPU's worth keeps the machine the limit.
        var memory = Option(args, "--memory", 1_769);
        var rounds = Option(args, "--rounds", 6);
        var seconds = Option(args, "--seconds", 3.0);
        var leadIn = Option(args, "--lead-in", 3.0);
        var concurrency = Option(args, "--concurrency", 16);
        var warmInvokes = Option(args, "--warm", 500);
        var lines = Option(args, "--lines", 200_000);
        var runtime = args.SkipWhile(a => a != "--runtime").Skip(1).FirstOrDefault() ?? "nodejs20.x";
        // --baseline <another build's Nimbus.Bench.dll>: its server, observability on, takes the "off" side's place.
        var baseline = args.SkipWhile(a => a != "--baseline").Skip(1).FirstOrDefault() is { } path ? Path.GetFullPath(path) : null;

        var load = LoadAverage();
        // Two sessions of fresh servers, half the rounds each: the side started (and created, warmed and driven) first
        // in the first session goes second in the other. An identical pair (both as shipped) measured the side
        // started first 4-5% slower at once and 8-9% slower one after the other: position, not observability.
        var results = new ObservabilityRounds(2);
        var settings = new RoundSettings(runtime, memory, Math.Max(1, rounds / 2), seconds, leadIn, concurrency, warmInvokes);
        foreach (var onFirst in new[] { true, false })
        {
            Console.Error.WriteLine($"session {(onFirst ? 1 : 2)}/2: the {(onFirst ? "on" : "off")} side started first");
            await using var first = await ObservabilitySide.StartAsync(observed: onFirst, baseline);
            await using var second = await ObservabilitySide.StartAsync(observed: !onFirst, baseline);
            await RunRoundsAsync([first, second], settings, results);
        }

        var directory = TempDirectory("in-process");
        try
        {
            await using var host = await StartAsync(directory);
            Console.Error.WriteLine($"observability CPU per invoke, sinks driven directly at {CostRate:N0}/s...");
            var directCpu = await ObservabilityCostBenchmark.MeasureTotalAsync(host, costInvokes, CostRate);
            Console.Error.WriteLine($"log ingestion ({lines:N0} lines)...");
            var delivery = await MeasureDeliveryAsync(host, lines);
            var put = await MeasurePutLogEventsAsync(host.Endpoint, lines / 4);
            ObservabilityReport.Print(results, new ObservabilityReport.Context(runtime, memory, concurrency, rounds, load, CostRate), directCpu, delivery, put);
            if (baseline is not null)
            {
                Console.WriteLine($"The \"off\" side was {baseline} with observability on: the differences above are this build's against it, not on against off.");
            }
        }
        finally
        {
            TryDelete(directory);
        }
    }

    /// <summary>Runs the rounds on both sides at once and adds them to <paramref name="results"/> (slot 0 on, 1 off).</summary>
    private static async Task RunRoundsAsync(ObservabilitySide[] sides, RoundSettings settings, ObservabilityRounds results)
    {
        var slots = sides.Select(side => side.Observed ? 0 : 1).ToArray();
        var clients = sides.Select(side => new LambdaBenchClient(side.Endpoint)).ToArray();
        try
        {
            foreach (var client in clients)
            {
                await client.CreateNoOpFunctionAsync("observed", settings.Runtime, memorySizeMb: settings.Memory);
            }
            Console.Error.WriteLine($"warming both servers ({settings.Runtime}, concurrency {settings.Concurrency})...");
            foreach (var client in clients)
            {
                await WarmUpAsync(client, settings.Concurrency);
            }
            // Both at once, as the rounds run: JIT tier-up, the thread pools' sizes and the on side's databases growing
            // their files and WAL all settle within seconds, and neither side then sits idle before the first round.
            await Task.WhenAll(clients.Select(client => InvokeBenchmark.RunLoadAsync(client, "observed", settings.Concurrency, Math.Max(10, settings.Seconds * 3))));
            var gcStarted = await Task.WhenAll(sides.Select(side => side.CollectionsAsync()));
            for (var round = 0; round < settings.Rounds; round++)
            {
                // Both sides at once: whatever else loads the machine, and whatever one side leaves behind (a commit,
                // a collection, a runtime's idle work), falls on both alike. Run one after the other, the side started
                // first measured 7-9% slower than an identical second one (both as shipped).
                await Task.WhenAll(clients.Select(client => InvokeBenchmark.RunLoadAsync(client, "observed", settings.Concurrency, settings.LeadIn)));
                var started = Stopwatch.GetTimestamp();
                var cpu = sides.Select(side => (Server: side.ServerCpu(), Runtime: side.RuntimeCpu(), Switches: side.ServerContextSwitches())).ToArray();
                var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var counts = await Task.WhenAll(clients.Select(client => InvokeBenchmark.RunLoadAsync(client, "observed", settings.Concurrency, settings.Seconds)));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                // The client's work per invoke is the same for both sides: its CPU is shared out by invokes.
                var clientShare = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu) / Math.Max(1, counts.Sum());
                for (var i = 0; i < sides.Length; i++)
                {
                    results.Sides[slots[i]].AddRound(counts[i], elapsed, sides[i].ServerCpu() - cpu[i].Server, sides[i].RuntimeCpu() - cpu[i].Runtime,
                        clientShare * counts[i], sides[i].ServerContextSwitches() - cpu[i].Switches);
                }
                // Latency one invoke at a time, alternating sides.
                for (var i = 0; i < settings.WarmInvokes / settings.Rounds; i++)
                {
                    foreach (var index in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                    {
                        results.Sides[slots[index]].Latencies.Add(await clients[index].TimedInvokeAsync("observed"));
                    }
                }
                Console.Error.WriteLine($"round {round + 1}/{settings.Rounds}: on {results.Sides[0].Throughput[^1]:F0}/s, off {results.Sides[1].Throughput[^1]:F0}/s");
            }
            var gcEnded = await Task.WhenAll(sides.Select(side => side.CollectionsAsync()));
            for (var i = 0; i < sides.Length; i++)
            {
                results.Sides[slots[i]].AddCollections(gcEnded[i].Gen0 - gcStarted[i].Gen0, gcEnded[i].Gen1 - gcStarted[i].Gen1, gcEnded[i].Gen2 - gcStarted[i].Gen2);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
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

    private static Task<NimbusHost> StartAsync(string directory) =>
        NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = directory }, logging => logging.SetMinimumLevel(LogLevel.Warning));

    private sealed record RoundSettings(string Runtime, int Memory, int Rounds, double Seconds, double LeadIn, int Concurrency, int WarmInvokes);

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
