using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Billing.Usage;
using Nimbus.Testing;

namespace Nimbus.Billing.Tests;

/// <summary>
/// GetCostAndUsage with <c>Granularity: HOURLY</c> through boto3 and the AWS CLI, over two hours of usage recorded with
/// their hour: the hours add up to the DAILY figures and to <c>/_nimbus/costs</c>; bad periods get Cost Explorer's errors.
/// </summary>
public sealed class HourlyCostExplorerTests : IClassFixture<NimbusServerFixture>
{
    private const string TooOld =
        "Start date is more than 14 days ago for hourly granularity. Please adjust start date as we support only 14 days of data at hourly granularity.";

    private readonly NimbusServerFixture _server;
    private readonly DateTime _first;

    public HourlyCostExplorerTests(NimbusServerFixture server)
    {
        _server = server;
        var now = DateTime.UtcNow;
        _first = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-2);
    }

    /// <summary>
    /// First hour: 600,000 requests and 300,000 GB-s (inside the free tier) and 10,000 S3 PUTs ($0.05). Second hour:
    /// 900,000 requests and 200,000 GB-s, which use up the free tier: 500,000 × $0.0000002 + 100,000 × $0.0000166667
    /// = $1.76667 — unless the second hour starts a new month, whose free tier covers it.
    /// </summary>
    private decimal SecondHourLambda => _first.Month == _first.AddHours(1).Month ? 1.76667m : 0m;

    [Fact]
    public async Task Boto3_Hourly_BySERVICEAndTag_AddsUpToDailyAndTheBill()
    {
        Seed("000000000000");
        var result = await _server.Boto3.RunAsync($$$"""
            import urllib.request
            ce = client("ce", region_name="us-east-1")
            period = {"Start": "{{{Hour(_first)}}}", "End": "{{{Hour(_first.AddHours(2))}}}"}
            by_service = ce.get_cost_and_usage(TimePeriod=period, Granularity="HOURLY", Metrics=["UnblendedCost", "UsageQuantity"],
                GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}])
            by_tag = ce.get_cost_and_usage(TimePeriod=period, Granularity="HOURLY", Metrics=["UnblendedCost"],
                GroupBy=[{"Type": "TAG", "Key": "team"}], Filter={"Dimensions": {"Key": "SERVICE", "Values": ["AWS Lambda"]}})
            total = ce.get_cost_and_usage(TimePeriod=period, Granularity="HOURLY", Metrics=["BlendedCost"])
            daily = ce.get_cost_and_usage(TimePeriod={"Start": "{{{Day(_first)}}}", "End": "{{{Day(_first.AddHours(1).AddDays(1))}}}"},
                Granularity="DAILY", Metrics=["BlendedCost"])
            costs = json.loads(urllib.request.urlopen(os.environ["NIMBUS_ENDPOINT"] + "/_nimbus/costs?month={{{_first:yyyy-MM}}}&account=000000000000").read())
            def message(call):
                try:
                    call()
                except botocore.exceptions.ClientError as e:
                    return "%s %d %s" % (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"])
            def hourly(start, end):
                return lambda: ce.get_cost_and_usage(TimePeriod={"Start": start, "End": end}, Granularity="HOURLY", Metrics=["UnblendedCost"])
            print(json.dumps({
                "periods": [[p["TimePeriod"]["Start"], p["TimePeriod"]["End"],
                    {g["Keys"][0]: [g["Metrics"]["UnblendedCost"]["Amount"], g["Metrics"]["UsageQuantity"]["Amount"]] for g in p["Groups"]}]
                    for p in by_service["ResultsByTime"]],
                "tags": [{g["Keys"][0]: g["Metrics"]["UnblendedCost"]["Amount"] for g in p["Groups"]} for p in by_tag["ResultsByTime"]],
                "totals": [p["Total"]["BlendedCost"]["Amount"] for p in total["ResultsByTime"]],
                "daily": [p["Total"]["BlendedCost"]["Amount"] for p in daily["ResultsByTime"]],
                "bill": costs["total"],
                "dateOnly": message(hourly("{{{Day(_first)}}}", "{{{Day(_first.AddDays(1))}}}")),
                "tooOld": message(hourly("{{{Hour(_first.AddDays(-15))}}}", "{{{Hour(_first)}}}")),
                "reversed": message(hourly("{{{Hour(_first.AddHours(2))}}}", "{{{Hour(_first)}}}")),
                "offTheHour": message(hourly("{{{_first:yyyy-MM-dd}}}T{{{_first:HH}}}:30:00Z", "{{{Hour(_first.AddHours(2))}}}")),
            }))
            """);

        var periods = result.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(2, periods.Count);
        Assert.Equal(Hour(_first), periods[0][0].GetString());
        Assert.Equal(Hour(_first.AddHours(1)), periods[0][1].GetString());
        Assert.Equal(0m, Amount(periods[0][2].GetProperty("AWS Lambda")[0]));
        Assert.Equal(900_000m, Amount(periods[0][2].GetProperty("AWS Lambda")[1]));
        Assert.Equal(0.05m, Amount(periods[0][2].GetProperty("Amazon Simple Storage Service")[0]));
        Assert.Equal(SecondHourLambda, Amount(periods[1][2].GetProperty("AWS Lambda")[0]));
        Assert.Equal(1_100_000m, Amount(periods[1][2].GetProperty("AWS Lambda")[1]));

        // The resources carry no team tag: their cost is the empty tag value's.
        var tags = result.GetProperty("tags").EnumerateArray().ToList();
        Assert.Equal(SecondHourLambda, Amount(tags[1].GetProperty("team$")));

        var hourly = result.GetProperty("totals").EnumerateArray().Sum(Amount);
        Assert.Equal(0.05m + SecondHourLambda, hourly);
        Assert.Equal(hourly, result.GetProperty("daily").EnumerateArray().Sum(Amount));
        // /_nimbus/costs bills the first hour's month: both hours, or only the first when the second starts a new month.
        Assert.Equal(0.05m + SecondHourLambda, result.GetProperty("bill").GetDecimal());

        Assert.StartsWith("ValidationException 400 ", result.GetProperty("dateOnly").GetString());
        Assert.Contains("yyyy-MM-ddTHH:mm:ssZ", result.GetProperty("dateOnly").GetString());
        Assert.Equal("ValidationException 400 " + TooOld, result.GetProperty("tooOld").GetString());
        Assert.Equal("ValidationException 400 Start date (and hour) should be before end date (and hour)", result.GetProperty("reversed").GetString());
        Assert.StartsWith("ValidationException 400 ", result.GetProperty("offTheHour").GetString());
    }

    [Fact]
    public async Task AwsCli_GetCostAndUsage_GranularityHourly()
    {
        const string account = "111122223333";
        Seed(account);
        var environment = ProcessRunner.AwsEnvironment();
        environment["AWS_ACCESS_KEY_ID"] = account;
        string[] command = ["--endpoint-url", _server.EndpointUrl, "--output", "json", "ce", "get-cost-and-usage", "--granularity", "HOURLY",
            "--metrics", "UnblendedCost", "--group-by", "Type=DIMENSION,Key=SERVICE"];

        var ok = await ProcessRunner.RunAsync("aws", [.. command, "--time-period", $"Start={Hour(_first)},End={Hour(_first.AddHours(2))}"], environment);
        var tooOld = await ProcessRunner.RunAsync("aws", [.. command, "--time-period", $"Start={Hour(_first.AddDays(-15))},End={Hour(_first)}"], environment);
        var dateOnly = await ProcessRunner.RunAsync("aws", [.. command, "--time-period", $"Start={Day(_first)},End={Day(_first.AddDays(1))}"], environment);

        Assert.True(ok.ExitCode == 0, ok.Describe());
        var results = JsonDocument.Parse(ok.StandardOutput).RootElement.GetProperty("ResultsByTime").EnumerateArray().ToList();
        Assert.Equal([Hour(_first), Hour(_first.AddHours(1))], results.Select(p => p.GetProperty("TimePeriod").GetProperty("Start").GetString()));
        var second = results[1].GetProperty("Groups").EnumerateArray().Single(g => g.GetProperty("Keys")[0].GetString() == "AWS Lambda");
        Assert.Equal(SecondHourLambda, Amount(second.GetProperty("Metrics").GetProperty("UnblendedCost").GetProperty("Amount")));
        Assert.Contains("(ValidationException)", tooOld.StandardError);
        Assert.Contains("Start date is more than 14 days ago for hourly granularity.", tooOld.StandardError);
        Assert.Contains("(ValidationException)", dateOnly.StandardError);
    }

    /// <summary>Records the two hours' usage in <paramref name="account"/>, as the recorder does: each increment with its hour.</summary>
    private void Seed(string account)
    {
        var (a, b) = (_first, _first.AddHours(1));
        _server.Host.Services.GetRequiredService<IUsageStore>().Add([
            new UsageIncrement(account, DateOnly.FromDateTime(a), "lambda", "Request", "web", 600_000m, a.Hour),
            new UsageIncrement(account, DateOnly.FromDateTime(a), "lambda", "Lambda-GB-Second", "web", 300_000m, a.Hour),
            new UsageIncrement(account, DateOnly.FromDateTime(a), "s3", "Requests-Tier1", "bucket", 10_000m, a.Hour),
            new UsageIncrement(account, DateOnly.FromDateTime(b), "lambda", "Request", "web", 900_000m, b.Hour),
            new UsageIncrement(account, DateOnly.FromDateTime(b), "lambda", "Lambda-GB-Second", "web", 200_000m, b.Hour),
        ]);
    }

    private static decimal Amount(JsonElement amount) => decimal.Parse(amount.GetString()!, CultureInfo.InvariantCulture);

    private static string Hour(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:00:00'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
