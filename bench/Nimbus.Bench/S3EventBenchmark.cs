using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Lambda.Service;
using Nimbus.S3.Notifications;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// What S3 event notifications cost the PUT path, and how fast events reach a function: 4 KB PUTs at concurrency 16
/// into a bucket without a configuration, one whose configuration matches no key (journal row + claim), and one
/// whose every PUT notifies a no-op Python function (journal + outbox + Lambda's async queue + the invocations,
/// which share the CPU). Then the time until every event of the last phase has run. <c>bench/run s3-events [seconds]</c>.
/// </summary>
internal static class S3EventBenchmark
{
    private const int Concurrency = 16;

    public static async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-bench-s3events-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = dataDirectory },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var lambda = new LambdaBenchClient(host.Endpoint);
        using var http = new HttpClient { BaseAddress = host.Endpoint };
        try
        {
            await lambda.CreateNoOpFunctionAsync("on-put", "python3.12");
            await SendAsync(http, HttpMethod.Post, "/2015-03-31/functions/on-put/policy",
                """{"StatementId":"s3","Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com"}""", "application/json");
            const string arn = "arn:aws:lambda:us-east-1:000000000000:function:on-put";
            foreach (var (bucket, filter) in new[] { ("plain", (string?)null), ("filtered", "no-key-has-this-prefix/"), ("notified", "") })
            {
                await SendAsync(http, HttpMethod.Put, "/" + bucket, "", null);
                if (filter is not null)
                {
                    var rule = filter.Length == 0 ? "" : $"<Filter><S3Key><FilterRule><Name>prefix</Name><Value>{filter}</Value></FilterRule></S3Key></Filter>";
                    await SendAsync(http, HttpMethod.Put, $"/{bucket}?notification",
                        $"<NotificationConfiguration><CloudFunctionConfiguration><CloudFunction>{arn}</CloudFunction><Event>s3:ObjectCreated:*</Event>{rule}</CloudFunctionConfiguration></NotificationConfiguration>",
                        "application/xml");
                }
            }

            var body = new byte[4096];
            Console.Error.WriteLine("[s3-events] warm-up...");
            await PutLoadAsync(http, "plain", body, seconds);
            var rows = new List<(string Bucket, double PutsPerSecond, double P50, double P99)>();
            foreach (var bucket in new[] { "plain", "filtered", "notified" })
            {
                Console.Error.WriteLine($"[s3-events] {bucket}: {seconds} s of PUTs at concurrency {Concurrency}...");
                var (count, latencies, elapsed) = await PutLoadAsync(http, bucket, body, seconds);
                latencies.Sort();
                rows.Add((bucket, count / elapsed, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]));
            }
            var notified = rows[^1];
            var drain = Stopwatch.StartNew();
            var invoke = host.Services.GetRequiredService<InvokeService>();
            var outbox = host.Services.GetRequiredService<INotificationStore>();
            while (outbox.Outbox(1, DateTimeOffset.MaxValue).Count > 0 || invoke.PendingAsync > 0)
            {
                await Task.Delay(10);
            }
            var drainSeconds = drain.Elapsed.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine($"Nimbus S3 event notification benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, 4 KB PUTs at concurrency {Concurrency}");
            Console.WriteLine("| bucket                         | PUTs/s | p50 (ms) | p99 (ms) |");
            Console.WriteLine("|--------------------------------|--------|----------|----------|");
            foreach (var (bucket, rate, p50, p99) in rows)
            {
                var label = bucket switch { "plain" => "no configuration", "filtered" => "configuration, no key matches", _ => "every PUT invokes a function" };
                Console.WriteLine($"| {label,-30} | {rate,6:F0} | {p50,8:F2} | {p99,8:F2} |");
            }
            Console.WriteLine($"Events of the last phase still queued when it ended ran within {drainSeconds:F1} s more " +
                $"({notified.PutsPerSecond * seconds / (seconds + drainSeconds):F0} events/s end to end).");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Runtime processes may still be exiting.
            }
        }
    }

    private static async Task<(int Count, List<double> Latencies, double Seconds)> PutLoadAsync(HttpClient http, string bucket, byte[] body, double seconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var latencies = new List<double>[Concurrency];
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(body);
                using var response = await http.PutAsync($"/{bucket}/w{worker}/k{i}", content);
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count, all, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
