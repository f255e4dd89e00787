using System.Globalization;
using System.Text.Json;
using Nimbus.Testing;

namespace Nimbus.Billing.Tests;

/// <summary>
/// Cost Explorer's GetCostAndUsage and GetCostForecast through boto3 and the AWS CLI on the real server, over a known
/// month of usage (2,000,000 requests and 512,500 GB-s over two tagged functions, plus S3 requests): the money matches
/// <c>/_nimbus/costs</c> and the hand computation, by service, by tag and filtered; bad input gets Cost Explorer's errors.
/// </summary>
public sealed class CostExplorerTests : IClassFixture<CostExplorerFixture>
{
    /// <summary>Requests: (2,000,000 − 1,000,000 free) × $0.0000002 = $0.20. GB-s: (512,500 − 400,000 free) × $0.0000166667 = $1.87500375.</summary>
    private const decimal LambdaTotal = 2.07500375m;

    /// <summary>S3: 10,000 PUT-class requests × $0.000005.</summary>
    private const decimal S3Total = 0.05m;

    private readonly NimbusServerFixture _server;
    private readonly DateOnly _today;

    public CostExplorerTests(CostExplorerFixture fixture)
    {
        _server = fixture.Server;
        _today = fixture.Today;
    }

    [Fact]
    public async Task Boto3_GetCostAndUsage_BySERVICEAndTag_MatchesTheBill()
    {
        var result = await _server.Boto3.RunAsync($$$"""
            import urllib.request
            ce = client("ce", region_name="us-east-1")
            period = {"Start": "{{{Month(_today)}}}", "End": "{{{Text(_today.AddDays(1))}}}"}
            by_service = ce.get_cost_and_usage(TimePeriod=period, Granularity="MONTHLY", Metrics=["UnblendedCost", "UsageQuantity"],
                GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}])
            by_tag = ce.get_cost_and_usage(TimePeriod=period, Granularity="MONTHLY", Metrics=["BlendedCost"],
                GroupBy=[{"Type": "TAG", "Key": "team"}], Filter={"Dimensions": {"Key": "SERVICE", "Values": ["AWS Lambda"]}})
            s3 = {"Key": "SERVICE", "Values": ["Amazon Simple Storage Service"]}
            daily = ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["NetUnblendedCost"],
                Filter={"Not": {"Dimensions": s3}})
            web_only = ce.get_cost_and_usage(TimePeriod=period, Granularity="MONTHLY", Metrics=["UnblendedCost"],
                Filter={"Tags": {"Key": "team", "Values": ["web"]}})
            by_type = ce.get_cost_and_usage(TimePeriod=period, Granularity="MONTHLY", Metrics=["UnblendedCost"],
                GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}, {"Type": "DIMENSION", "Key": "USAGE_TYPE"}])
            costs = json.loads(urllib.request.urlopen(os.environ["NIMBUS_ENDPOINT"] + "/_nimbus/costs").read())
            def groups(r):
                return {"|".join(g["Keys"]): next(iter(g["Metrics"].values()))["Amount"] for p in r["ResultsByTime"] for g in p["Groups"]}
            print(json.dumps({
                "services": groups(by_service),
                "quantity": {"|".join(g["Keys"]): g["Metrics"]["UsageQuantity"]["Amount"] for g in by_service["ResultsByTime"][0]["Groups"]},
                "unit": by_service["ResultsByTime"][0]["Groups"][0]["Metrics"]["UnblendedCost"]["Unit"],
                "definitions": by_service["GroupDefinitions"],
                "tags": groups(by_tag),
                "daily": [[p["TimePeriod"]["Start"], p["Total"]["NetUnblendedCost"]["Amount"]] for p in daily["ResultsByTime"]],
                "webOnly": web_only["ResultsByTime"][0]["Total"]["UnblendedCost"]["Amount"],
                "types": groups(by_type),
                "estimated": by_service["ResultsByTime"][0]["Estimated"],
                "bill": {s["name"]: s["cost"] for s in costs["services"]},
                "billTotal": costs["total"],
            }))
            """);

        var services = result.GetProperty("services");
        Assert.Equal(LambdaTotal, Amount(services, "AWS Lambda"));
        Assert.Equal(S3Total, Amount(services, "Amazon Simple Storage Service"));
        Assert.Equal(2, services.EnumerateObject().Count());
        Assert.Equal(LambdaTotal, result.GetProperty("bill").GetProperty("AWS Lambda").GetDecimal());
        Assert.Equal(LambdaTotal + S3Total, result.GetProperty("billTotal").GetDecimal());
        Assert.Equal(2_512_500m, Amount(result.GetProperty("quantity"), "AWS Lambda"));
        Assert.Equal("USD", result.GetProperty("unit").GetString());
        Assert.True(result.GetProperty("estimated").GetBoolean());

        // By tag: each usage type's cost split by the functions' share of it that day.
        var web = 0.20m * 1_500_000m / 2_000_000m + 1.87500375m * 300_000m / 512_500m;
        var tags = result.GetProperty("tags");
        Assert.Equal(Math.Round(web, 10), Amount(tags, "team$web"));
        Assert.Equal(Math.Round(LambdaTotal - web, 10), Amount(tags, "team$api"));
        Assert.Equal(Math.Round(web, 10), decimal.Parse(result.GetProperty("webOnly").GetString()!, CultureInfo.InvariantCulture));

        var daily = result.GetProperty("daily").EnumerateArray().ToList();
        Assert.Equal(_today.Day, daily.Count);
        Assert.Equal(LambdaTotal, daily.Sum(d => decimal.Parse(d[1].GetString()!, CultureInfo.InvariantCulture)));
        Assert.Equal(LambdaTotal, decimal.Parse(daily[^1][1].GetString()!, CultureInfo.InvariantCulture));

        var types = result.GetProperty("types");
        Assert.Equal(0.20m, Amount(types, "AWS Lambda|Request"));
        Assert.Equal(1.87500375m, Amount(types, "AWS Lambda|Lambda-GB-Second"));
    }

    [Fact]
    public async Task AwsCli_GetCostAndUsage_GroupedBySERVICEAndByTag()
    {
        string[] common = ["ce", "get-cost-and-usage", "--time-period", $"Start={Month(_today)},End={Text(_today.AddDays(1))}",
            "--granularity", "MONTHLY", "--metrics", "UnblendedCost"];
        var byService = await _server.Cli.JsonAsync([.. common, "--group-by", "Type=DIMENSION,Key=SERVICE"]);
        var byTag = await _server.Cli.JsonAsync([.. common, "--group-by", "Type=TAG,Key=team"]);

        var services = Groups(byService);
        Assert.Equal(LambdaTotal, services["AWS Lambda"]);
        Assert.Equal(S3Total, services["Amazon Simple Storage Service"]);
        var tags = Groups(byTag);
        // The S3 bucket has no team tag: its cost is the empty tag value's, as Cost Explorer shows untagged cost.
        Assert.Equal(["team$", "team$api", "team$web"], tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(S3Total, tags["team$"]);
        Assert.Equal(LambdaTotal, tags["team$api"] + tags["team$web"], 9);
    }

    [Fact]
    public async Task Boto3_GetCostForecast_AndBadInput()
    {
        var result = await _server.Boto3.RunAsync($$$"""
            import urllib.request
            ce = client("ce", region_name="us-east-1")
            today, later = "{{{Text(_today)}}}", "{{{Text(_today.AddDays(3))}}}"
            forecast = ce.get_cost_forecast(TimePeriod={"Start": today, "End": later}, Granularity="DAILY", Metric="UNBLENDED_COST")
            costs = json.loads(urllib.request.urlopen(os.environ["NIMBUS_ENDPOINT"] + "/_nimbus/costs").read())
            def err(call):
                e = error_of(call)
                return e and e["code"] + " " + str(e["status"])
            period = {"Start": "{{{Month(_today)}}}", "End": later}
            print(json.dumps({
                "days": len(forecast["ForecastResultsByTime"]), "total": forecast["Total"]["Amount"], "projection": costs["projectedMonthEnd"],
                "reversed": err(lambda: ce.get_cost_and_usage(TimePeriod={"Start": later, "End": today}, Granularity="DAILY", Metrics=["UnblendedCost"])),
                "hourly": err(lambda: ce.get_cost_and_usage(TimePeriod=period, Granularity="WEEKLY", Metrics=["UnblendedCost"])),
                "metric": err(lambda: ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["Dollars"])),
                "threeGroups": err(lambda: ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["UnblendedCost"],
                    GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}, {"Type": "TAG", "Key": "a"}, {"Type": "TAG", "Key": "b"}])),
                "badDimension": err(lambda: ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["UnblendedCost"],
                    GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}])),
                "badFilter": err(lambda: ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["UnblendedCost"],
                    Filter={"Dimensions": {"Key": "SERVICE", "Values": ["x"]}, "Tags": {"Key": "a", "Values": ["b"]}})),
                "badToken": err(lambda: ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["UnblendedCost"], NextPageToken="garbage")),
                "pastForecast": err(lambda: ce.get_cost_forecast(TimePeriod={"Start": "2020-01-01", "End": later}, Granularity="DAILY", Metric="UNBLENDED_COST")),
                "notYet": err(lambda: ce.get_dimension_values(TimePeriod=period, Dimension="SERVICE")),
            }))
            """);

        Assert.Equal(3, result.GetProperty("days").GetInt32());
        var daysInMonth = DateTime.DaysInMonth(_today.Year, _today.Month);
        // /_nimbus/costs rounds its projection to cents; the forecast is three days' share of the unrounded projection.
        Assert.Equal(result.GetProperty("projection").GetDecimal() * 3 / daysInMonth,
            decimal.Parse(result.GetProperty("total").GetString()!, CultureInfo.InvariantCulture), 1);
        Assert.True(decimal.Parse(result.GetProperty("total").GetString()!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal("ValidationException 400", result.GetProperty("reversed").GetString());
        Assert.Equal("ValidationException 400", result.GetProperty("hourly").GetString());
        Assert.Equal("ValidationException 400", result.GetProperty("metric").GetString());
        Assert.Equal("ValidationException 400", result.GetProperty("threeGroups").GetString());
        Assert.Equal("ValidationException 400", result.GetProperty("badDimension").GetString());
        Assert.Equal("ValidationException 400", result.GetProperty("badFilter").GetString());
        Assert.Equal("InvalidNextTokenException 400", result.GetProperty("badToken").GetString());
        Assert.Equal("ValidationException 400", result.GetProperty("pastForecast").GetString());
        Assert.Equal("NotImplemented 501", result.GetProperty("notYet").GetString());
    }

    private static Dictionary<string, decimal> Groups(JsonElement response) => response.GetProperty("ResultsByTime")[0].GetProperty("Groups")
        .EnumerateArray().ToDictionary(g => string.Join('|', g.GetProperty("Keys").EnumerateArray().Select(k => k.GetString())),
            g => decimal.Parse(g.GetProperty("Metrics").GetProperty("UnblendedCost").GetProperty("Amount").GetString()!, CultureInfo.InvariantCulture));

    private static decimal Amount(JsonElement groups, string key) => decimal.Parse(groups.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);

    private static string Month(DateOnly day) => Text(new DateOnly(day.Year, day.Month, 1));

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
