using System.Globalization;
using System.Text.RegularExpressions;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// What a real invocation leaves behind for observability: REPORT lines that Logs Insights can aggregate, and the
/// Prometheus series on <c>/_nimbus/metrics</c>, checked against the invocations that produced them.
/// </summary>
public sealed partial class ObservabilityTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string CreateFunction = """
        lam = client("lambda")
        logs = client("logs")
        name = "obs-" + os.urandom(4).hex()
        code = zip_of({"app.py": "def handler(e, c):\n    print('working', e)\n    if e.get('fail'):\n        raise ValueError('failed on purpose')\n    return 1\n"})
        lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                            Code={"ZipFile": code}, MemorySize=256)
        lam.get_waiter("function_active_v2").wait(FunctionName=name)
        """;

    [Fact]
    public async Task LogsInsights_StatsOverLambdaReportLines_CountEveryInvocation()
    {
        var result = await server.Boto3.RunAsync(CreateFunction + "\n" + """
            for i in range(6):
                lam.invoke(FunctionName=name, Payload=json.dumps({"fail": i == 5}).encode())
            group = "/aws/lambda/" + name
            now = int(time.time())
            def run(query):
                query_id = logs.start_query(logGroupName=group, startTime=now - 3600, endTime=now + 3600, queryString=query)["queryId"]
                for _ in range(600):
                    r = logs.get_query_results(queryId=query_id)
                    if r["status"] == "Complete":
                        return [{f["field"]: f["value"] for f in row} for row in r["results"]]
                    time.sleep(0.05)
                raise Exception("query did not complete: " + r["status"])
            # Log delivery is asynchronous: query until all six REPORT lines are stored (bounded).
            for _ in range(200):
                bins = run('filter @type = "REPORT" | stats avg(@duration), max(@maxMemoryUsed), count(*) as n by bin(5m)')
                if sum(int(b["n"]) for b in bins) >= 6:
                    break
                time.sleep(0.1)
            cold = run('filter @type = "REPORT" and ispresent(@initDuration) | stats count(*) as n, max(@memorySize) as memory')
            slowest = run('filter @type = "REPORT" | fields @requestId, @billedDuration | sort @billedDuration desc | limit 2')
            print(json.dumps({"bins": bins, "cold": cold, "slowest": slowest}))
            """, TimeSpan.FromMinutes(3));

        var bins = result.GetProperty("bins").EnumerateArray().ToList();
        Assert.Equal(6, bins.Sum(b => int.Parse(b.GetProperty("n").GetString()!, CultureInfo.InvariantCulture)));
        Assert.All(bins, b =>
        {
            Assert.True(double.Parse(b.GetProperty("avg(@duration)").GetString()!, CultureInfo.InvariantCulture) > 0);
            Assert.True(double.Parse(b.GetProperty("max(@maxMemoryUsed)").GetString()!, CultureInfo.InvariantCulture) >= 1_000_000);
            Assert.EndsWith(":00.000", b.GetProperty("bin(5m)").GetString());
        });
        var cold = Assert.Single(result.GetProperty("cold").EnumerateArray());
        Assert.Equal("1", cold.GetProperty("n").GetString());
        Assert.Equal("256000000", cold.GetProperty("memory").GetString());
        var slowest = result.GetProperty("slowest").EnumerateArray().ToList();
        Assert.Equal(2, slowest.Count);
        Assert.All(slowest, row => Assert.Matches("^[0-9a-f-]{36}$", row.GetProperty("@requestId").GetString()!));
    }

    [Fact]
    public async Task Prometheus_AfterRealInvocations_CountsEqualInvocations()
    {
        var result = await server.Boto3.RunAsync(CreateFunction + "\n" + """
            for i in range(9):
                lam.invoke(FunctionName=name, Payload=json.dumps({"fail": i >= 7}).encode())
            throttled = name + "-throttled"
            lam.create_function(FunctionName=throttled, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                                Code={"ZipFile": code})
            lam.get_waiter("function_active_v2").wait(FunctionName=throttled)
            lam.put_function_concurrency(FunctionName=throttled, ReservedConcurrentExecutions=0)
            # One attempt per call (the helper's client retries once), so the server sees exactly three throttles.
            single = boto3.client("lambda", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(retries={"total_max_attempts": 1}))
            for _ in range(3):
                try:
                    single.invoke(FunctionName=throttled, Payload=b"{}")
                except botocore.exceptions.ClientError:
                    pass
            print(json.dumps({"name": name, "throttled": throttled}))
            """, TimeSpan.FromMinutes(3));
        var name = result.GetProperty("name").GetString()!;
        var throttled = result.GetProperty("throttled").GetString()!;

        using var http = new HttpClient();
        using var response = await http.GetAsync(server.EndpointUrl + "/_nimbus/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var samples = Parse(text);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        double Sum(string metric, params (string Label, string Value)[] labels) => samples
            .Where(s => s.Name == metric && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value))
            .Sum(s => s.Value);
        Assert.Equal(7, Sum("nimbus_lambda_invocations_total", ("function", name), ("outcome", "success")));
        Assert.Equal(2, Sum("nimbus_lambda_invocations_total", ("function", name), ("outcome", "error")));
        Assert.Equal(1, Sum("nimbus_lambda_invocations_total", ("function", name), ("start", "cold")));
        Assert.Equal(8, Sum("nimbus_lambda_invocations_total", ("function", name), ("start", "warm")));
        Assert.Equal(0, Sum("nimbus_lambda_invocations_total", ("function", name), ("outcome", "throttle")));
        Assert.Equal(3, Sum("nimbus_lambda_invocations_total", ("function", throttled), ("outcome", "throttle")));
        Assert.Equal(9, Sum("nimbus_lambda_duration_seconds_count", ("function", name), ("version", "$LATEST")));
        Assert.Equal(9, Sum("nimbus_lambda_duration_seconds_bucket", ("function", name), ("le", "+Inf")));
        Assert.True(Sum("nimbus_lambda_duration_seconds_sum", ("function", name)) > 0);
        Assert.Equal(1, Sum("nimbus_lambda_init_duration_seconds_count", ("function", name)));
        // Buckets are cumulative: every bound counts at least as many as the one below it.
        var buckets = samples.Where(s => s.Name == "nimbus_lambda_duration_seconds_bucket" && s.Labels["function"] == name).Select(s => s.Value).ToList();
        Assert.Equal(buckets.Order(), buckets);
        Assert.True(Sum("nimbus_logs_ingested_events_total", ("source", "lambda")) > 0);
        Assert.Contains("# TYPE nimbus_lambda_duration_seconds histogram", text);
    }

    private static List<(string Name, Dictionary<string, string> Labels, double Value)> Parse(string text)
    {
        var samples = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line of the text format: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => Regex.Unescape(m.Groups["value"].Value));
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
            samples.Add((match.Groups["name"].Value, labels, value));
        }
        return samples;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
