using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nimbus.DynamoDb.Bench;

/// <summary>
/// PutItem, GetItem and Query of 1 KB items over HTTP with the JSON AWS clients send, from C concurrent callers for a
/// fixed time; reports operations per second and latency percentiles. One instance per server, so the phases of
/// several servers can be interleaved (the machine's load changes over a run; interleaving spreads it evenly).
/// </summary>
internal sealed class DynamoBenchmark(DynamoTarget target, int concurrency) : IDisposable
{
    private const string Table = "bench";
    private static readonly string Payload = new('x', 1000);

    private readonly HttpClient _http = new() { BaseAddress = new Uri(target.Endpoint), Timeout = TimeSpan.FromSeconds(60) };
    private readonly int[] _written = new int[concurrency];

    public string Name => target.Name;

    public static readonly string[] Operations = ["PutItem", "GetItem", "Query(10)"];

    /// <summary>Creates the table and waits until it is ACTIVE (dynalite keeps a new table CREATING for a while).</summary>
    public async Task SetUpAsync()
    {
        await CallAsync("CreateTable", """
            {"TableName":"bench","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}
            """);
        for (var i = 0; i < 100 && !(await CallAsync("DescribeTable", """{"TableName":"bench"}""")).Contains("\"ACTIVE\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }
    }

    public Task<Samples> RunAsync(string operation, TimeSpan duration) => operation switch
    {
        "PutItem" => PhaseAsync(duration, (worker, i) =>
        {
            // Each round continues the worker's keys, so every PutItem inserts a new item.
            var sk = _written[worker];
            _written[worker] = sk + 1;
            return ("PutItem", $"{{\"TableName\":\"{Table}\",\"Item\":{{\"pk\":{{\"S\":\"p{worker}\"}},\"sk\":{{\"N\":\"{sk.ToString(CultureInfo.InvariantCulture)}\"}},\"data\":{{\"S\":\"{Payload}\"}}}}}}");
        }),
        "GetItem" => PhaseAsync(duration, (worker, i) =>
            ("GetItem", $"{{\"TableName\":\"{Table}\",\"Key\":{{\"pk\":{{\"S\":\"p{worker}\"}},\"sk\":{{\"N\":\"{i % Math.Max(1, _written[worker])}\"}}}}}}")),
        "Query(10)" => PhaseAsync(duration, (worker, i) =>
            ("Query", $"{{\"TableName\":\"{Table}\",\"KeyConditionExpression\":\"pk = :p AND sk >= :s\",\"Limit\":10," +
                      $"\"ExpressionAttributeValues\":{{\":p\":{{\"S\":\"p{worker}\"}},\":s\":{{\"N\":\"{i % Math.Max(1, _written[worker] - 10)}\"}}}}}}")),
        _ => throw new ArgumentException(operation),
    };

    private async Task<Samples> PhaseAsync(TimeSpan duration, Func<int, int, (string Op, string Body)> request)
    {
        var latencies = new List<double>[_written.Length];
        var cpuBefore = Environment.CpuUsage.TotalTime + target.ServerCpuTime();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, _written.Length).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                var (op, body) = request(worker, i);
                var started = Stopwatch.GetTimestamp();
                await CallAsync(op, body);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = Environment.CpuUsage.TotalTime + target.ServerCpuTime() - cpuBefore;
        return new Samples(latencies.SelectMany(l => l).ToList(), seconds, cpu.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore);
    }

    private async Task<string> CallAsync(string operation, string body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + operation);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        // A well-formed SigV4 header (emulators do not verify the signature) so every server routes it as DynamoDB.
        message.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + new string('0', 64));
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name} {operation} failed: {(int)response.StatusCode} {text}");
        }
        return text;
    }

    public void Dispose() => _http.Dispose();
}
