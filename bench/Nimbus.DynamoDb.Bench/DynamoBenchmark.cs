using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nimbus.DynamoDb.Bench;

/// <summary>
/// PutItem, GetItem and Query of 1 KB items over HTTP with the JSON AWS clients send, from C concurrent callers for a
/// fixed time; reports operations per second and latency percentiles.
/// </summary>
internal static class DynamoBenchmark
{
    private const string Table = "bench";
    private static readonly string Payload = new('x', 1000);

    public static async Task<List<BenchRow>> RunAsync(DynamoTarget target, TimeSpan duration, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = new Uri(target.Endpoint), Timeout = TimeSpan.FromSeconds(60) };
        await CallAsync(http, "CreateTable", """
            {"TableName":"bench","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}
            """);
        var written = new int[concurrency];
        var rows = new List<BenchRow>
        {
            await PhaseAsync(target.Name, "PutItem", http, duration, concurrency, (worker, i) =>
            {
                written[worker] = i + 1;
                return ("PutItem", Item(worker, i));
            }),
        };
        rows.Add(await PhaseAsync(target.Name, "GetItem", http, duration, concurrency, (worker, i) =>
            ("GetItem", $"{{\"TableName\":\"{Table}\",\"Key\":{{\"pk\":{{\"S\":\"p{worker}\"}},\"sk\":{{\"N\":\"{i % Math.Max(1, written[worker])}\"}}}}}}")));
        rows.Add(await PhaseAsync(target.Name, "Query(10)", http, duration, concurrency, (worker, i) =>
            ("Query", $"{{\"TableName\":\"{Table}\",\"KeyConditionExpression\":\"pk = :p AND sk >= :s\",\"Limit\":10," +
                      $"\"ExpressionAttributeValues\":{{\":p\":{{\"S\":\"p{worker}\"}},\":s\":{{\"N\":\"{i % Math.Max(1, written[worker] - 10)}\"}}}}}}")));
        return rows;
    }

    private static string Item(int worker, int i) =>
        $"{{\"TableName\":\"{Table}\",\"Item\":{{\"pk\":{{\"S\":\"p{worker}\"}},\"sk\":{{\"N\":\"{i.ToString(CultureInfo.InvariantCulture)}\"}},\"data\":{{\"S\":\"{Payload}\"}}}}}}";

    private static async Task<BenchRow> PhaseAsync(string target, string name, HttpClient http, TimeSpan duration, int concurrency, Func<int, int, (string Op, string Body)> request)
    {
        var latencies = new List<double>[concurrency];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                var (op, body) = request(worker, i);
                var started = Stopwatch.GetTimestamp();
                await CallAsync(http, op, body);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).OrderBy(l => l).ToList();
        return new BenchRow(target, name, all.Count / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task CallAsync(HttpClient http, string operation, string body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + operation);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        // A well-formed SigV4 header (emulators do not verify the signature) so every server routes it as DynamoDB.
        message.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + new string('0', 64));
        using var response = await http.SendAsync(message);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await response.Content.ReadAsByteArrayAsync();
    }
}
