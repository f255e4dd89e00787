using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Metrics;

/// <summary>
/// CloudWatch metrics driven by unmodified clients in each protocol of the model: the AWS CLI and boto3 as they
/// ship (smithy-rpc-v2-cbor), and boto3 told to prefer awsJson 1.0 or query, as older SDKs do — same
/// serializers and parsers botocore uses for those protocols.
/// </summary>
public sealed class MetricsClientTests : IClassFixture<LogsHost>
{
    /// <summary>argv[1]: the protocol botocore should use; argv[2]: a namespace unique to the test.</summary>
    private const string Prelude = """
        import os, sys, json, datetime, boto3, botocore, botocore.model
        if sys.argv[1] != "default":
            botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = (sys.argv[1],)
        from botocore.config import Config
        cw = boto3.client("cloudwatch", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(retries={"max_attempts": 1}))
        ns = sys.argv[2]
        now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
        def error_of(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Message", "")]
            return None

        """;

    private readonly LogsHost _host;

    public MetricsClientTests(LogsHost host) => _host = host;

    [Theory]
    [InlineData("default")]
    [InlineData("json")]
    [InlineData("query")]
    public async Task PutThenGetStatistics_AnswersEveryStatisticAndPercentile(string protocol)
    {
        var result = await RunAsync(protocol, """
            dims = [{"Name": "Service", "Value": "api"}]
            cw.put_metric_data(Namespace=ns, MetricData=[
                {"MetricName": "Latency", "Dimensions": dims, "Timestamp": now, "Values": [10, 20, 30, 40], "Counts": [1, 1, 1, 97], "Unit": "Milliseconds"},
                {"MetricName": "Latency", "Dimensions": dims, "Timestamp": now, "Value": 5, "Unit": "Milliseconds"},
                {"MetricName": "Latency", "Dimensions": dims, "Timestamp": now, "StatisticValues": {"SampleCount": 2, "Sum": 100, "Minimum": 50, "Maximum": 50}, "Unit": "Milliseconds"}])
            start, end = now - datetime.timedelta(minutes=5), now + datetime.timedelta(minutes=5)
            stats = cw.get_metric_statistics(Namespace=ns, MetricName="Latency", Dimensions=dims, StartTime=start, EndTime=end, Period=600,
                Statistics=["SampleCount", "Sum", "Average", "Minimum", "Maximum"])
            pct = cw.get_metric_statistics(Namespace=ns, MetricName="Latency", Dimensions=dims, StartTime=start, EndTime=end, Period=600,
                ExtendedStatistics=["p50", "p99", "p100"])
            other = cw.get_metric_statistics(Namespace=ns, MetricName="Latency", StartTime=start, EndTime=end, Period=600, Statistics=["Sum"])
            d, p = stats["Datapoints"][0], pct["Datapoints"][0]
            print(json.dumps({"label": stats["Label"], "n": len(stats["Datapoints"]), "count": d["SampleCount"], "sum": d["Sum"], "avg": d["Average"],
                "min": d["Minimum"], "max": d["Maximum"], "unit": d["Unit"], "p": p["ExtendedStatistics"], "ts": d["Timestamp"].isoformat(),
                "undimensioned": len(other["Datapoints"])}))
            """);

        Assert.Equal("Latency", result.GetProperty("label").GetString());
        Assert.Equal(1, result.GetProperty("n").GetInt32());
        Assert.Equal(103, result.GetProperty("count").GetDouble());
        Assert.Equal(10 + 20 + 30 + 40 * 97 + 5 + 100, result.GetProperty("sum").GetDouble());
        Assert.Equal(5, result.GetProperty("min").GetDouble());
        Assert.Equal(50, result.GetProperty("max").GetDouble());
        Assert.Equal("Milliseconds", result.GetProperty("unit").GetString());
        // 103 values: 5, 10, 20, 30, 40×97, 50×2 — the median and p99 are 40, p100 the maximum; the sketch is within 1%.
        Assert.InRange(result.GetProperty("p").GetProperty("p50").GetDouble(), 39.6, 40.4);
        Assert.InRange(result.GetProperty("p").GetProperty("p99").GetDouble(), 39.6, 50);
        Assert.Equal(50, result.GetProperty("p").GetProperty("p100").GetDouble());
        // A metric is its namespace, name and dimensions: the same name without dimensions is another metric.
        Assert.Equal(0, result.GetProperty("undimensioned").GetInt32());
    }

    [Theory]
    [InlineData("default")]
    [InlineData("json")]
    [InlineData("query")]
    public async Task BadInput_GetsCloudWatchErrorCodes(string protocol)
    {
        var result = await RunAsync(protocol, """
            start, end = now - datetime.timedelta(minutes=5), now
            print(json.dumps({
              "both": error_of(lambda: cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "m", "Value": 1, "StatisticValues": {"SampleCount": 1, "Sum": 1, "Minimum": 1, "Maximum": 1}}])),
              "counts": error_of(lambda: cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "m", "Values": [1, 2], "Counts": [1]}])),
              "reserved": error_of(lambda: cw.put_metric_data(Namespace="AWS/Lambda", MetricData=[{"MetricName": "m", "Value": 1}])),
              "tooMany": error_of(lambda: cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "m", "Value": i} for i in range(1001)])),
              "dims": error_of(lambda: cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "m", "Value": 1, "Dimensions": [{"Name": f"d{i}", "Value": "v"} for i in range(31)]}])),
              "period": error_of(lambda: cw.get_metric_statistics(Namespace=ns, MetricName="m", StartTime=start, EndTime=end, Period=90, Statistics=["Sum"])),
              "noStats": error_of(lambda: cw.get_metric_statistics(Namespace=ns, MetricName="m", StartTime=start, EndTime=end, Period=60)),
              "bothStats": error_of(lambda: cw.get_metric_statistics(Namespace=ns, MetricName="m", StartTime=start, EndTime=end, Period=60, Statistics=["Sum"], ExtendedStatistics=["p99"])),
              "tooManyPoints": error_of(lambda: cw.get_metric_statistics(Namespace=ns, MetricName="m", StartTime=now - datetime.timedelta(days=2), EndTime=end, Period=60, Statistics=["Sum"])),
              "reversed": error_of(lambda: cw.get_metric_statistics(Namespace=ns, MetricName="m", StartTime=end, EndTime=start, Period=60, Statistics=["Sum"])),
              "badId": error_of(lambda: cw.get_metric_data(StartTime=start, EndTime=end, MetricDataQueries=[{"Id": "Bad", "Expression": "1"}])),
              "badToken": error_of(lambda: cw.list_metrics(NextToken="garbage")),
              "notYet": error_of(lambda: cw.get_dashboard(DashboardName="d")),
            }))
            """);

        Assert.Equal("InvalidParameterCombination 400", Describe(result, "both"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "counts"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "reserved"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "tooMany"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "dims"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "period"));
        Assert.Equal("MissingParameter 400", Describe(result, "noStats"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "bothStats"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "tooManyPoints"));
        Assert.Contains("exceeds the limit of 1,440", result.GetProperty("tooManyPoints")[2].GetString());
        Assert.Equal("InvalidParameterValue 400", Describe(result, "reversed"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "badId"));
        Assert.Equal("InvalidNextToken 400", Describe(result, "badToken"));
        Assert.Equal("NotImplemented 501", Describe(result, "notYet"));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("query")]
    public async Task GetMetricData_PaginatesByMaxDatapointsAndEvaluatesMath(string protocol)
    {
        var result = await RunAsync(protocol, """
            for i in range(6):
                cw.put_metric_data(Namespace=ns, MetricData=[
                    {"MetricName": "Requests", "Timestamp": now - datetime.timedelta(minutes=i), "Value": 10 * (i + 1)},
                    {"MetricName": "Failures", "Timestamp": now - datetime.timedelta(minutes=i), "Value": i + 1}])
            queries = [
                {"Id": "r", "MetricStat": {"Metric": {"Namespace": ns, "MetricName": "Requests"}, "Period": 60, "Stat": "Sum"}, "ReturnData": True},
                {"Id": "f", "MetricStat": {"Metric": {"Namespace": ns, "MetricName": "Failures"}, "Period": 60, "Stat": "Sum"}, "ReturnData": False},
                {"Id": "rate", "Expression": "100 * f / r", "Label": "Failure rate"}]
            start, end = now - datetime.timedelta(minutes=10), now + datetime.timedelta(minutes=1)
            pages, token = [], None
            while True:
                kw = {"NextToken": token} if token else {}
                page = cw.get_metric_data(MetricDataQueries=queries, StartTime=start, EndTime=end, MaxDatapoints=4, ScanBy="TimestampAscending", **kw)
                pages.append(page)
                token = page.get("NextToken")
                if not token or len(pages) > 10:
                    break
            r = [v for p in pages for x in p["MetricDataResults"] if x["Id"] == "r" for v in x["Values"]]
            rate = [v for p in pages for x in p["MetricDataResults"] if x["Id"] == "rate" for v in x["Values"]]
            labels = sorted({x["Label"] for p in pages for x in p["MetricDataResults"]})
            ids = sorted({x["Id"] for p in pages for x in p["MetricDataResults"]})
            print(json.dumps({"pages": len(pages), "r": r, "rate": rate, "labels": labels, "ids": ids, "status": pages[0]["MetricDataResults"][0]["StatusCode"]}))
            """);

        Assert.Equal(3, result.GetProperty("pages").GetInt32());
        Assert.Equal([60, 50, 40, 30, 20, 10], result.GetProperty("r").EnumerateArray().Select(v => v.GetDouble()));
        Assert.All(result.GetProperty("rate").EnumerateArray(), v => Assert.Equal(10, v.GetDouble(), 6));
        Assert.Equal(["Failure rate", "Requests"], result.GetProperty("labels").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["r", "rate"], result.GetProperty("ids").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("PartialData", result.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("default")]
    [InlineData("json")]
    public async Task ListMetrics_FiltersByNamespaceNameAndDimensions(string protocol)
    {
        var result = await RunAsync(protocol, """
            for fn in ["a", "b"]:
                for name in ["Hits", "Misses"]:
                    cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": name, "Value": 1, "Dimensions": [{"Name": "Fn", "Value": fn}, {"Name": "Stage", "Value": "prod"}]}])
            cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "Hits", "Value": 1}])
            def names(**kw):
                return sorted(m["MetricName"] + ":" + ",".join(d["Name"] + "=" + d["Value"] for d in m["Dimensions"]) for p in cw.get_paginator("list_metrics").paginate(Namespace=ns, **kw) for m in p["Metrics"])
            print(json.dumps({"all": names(), "hits": names(MetricName="Hits"), "fnA": names(Dimensions=[{"Name": "Fn", "Value": "a"}]),
                "withStage": names(Dimensions=[{"Name": "Stage"}]), "recent": names(RecentlyActive="PT3H")}))
            """);

        Assert.Equal(5, result.GetProperty("all").GetArrayLength());
        Assert.Equal(["Hits:", "Hits:Fn=a,Stage=prod", "Hits:Fn=b,Stage=prod"], result.GetProperty("hits").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["Hits:Fn=a,Stage=prod", "Misses:Fn=a,Stage=prod"], result.GetProperty("fnA").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(4, result.GetProperty("withStage").GetArrayLength());
        Assert.Equal(5, result.GetProperty("recent").GetArrayLength());
    }

    [Fact]
    public async Task AwsCli_PutMetricDataAndGetMetricStatistics()
    {
        var ns = "Cli" + Guid.NewGuid().ToString("N")[..8];
        await CliAsync("cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Jobs", "--value", "3", "--unit", "Count",
            "--dimensions", "Queue=q1");
        await CliAsync("cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Jobs", "--value", "4", "--unit", "Count",
            "--dimensions", "Queue=q1");
        var now = DateTimeOffset.UtcNow;
        var stats = await CliAsync("cloudwatch", "get-metric-statistics", "--namespace", ns, "--metric-name", "Jobs",
            "--dimensions", "Name=Queue,Value=q1", "--statistics", "Sum", "Maximum",
            "--start-time", now.AddMinutes(-10).ToString("O"), "--end-time", now.AddMinutes(2).ToString("O"), "--period", "3600");
        var point = Assert.Single(stats.GetProperty("Datapoints").EnumerateArray());
        Assert.Equal(7, point.GetProperty("Sum").GetDouble());
        Assert.Equal(4, point.GetProperty("Maximum").GetDouble());
        Assert.Equal("Count", point.GetProperty("Unit").GetString());

        var listed = await CliAsync("cloudwatch", "list-metrics", "--namespace", ns);
        Assert.Equal("Jobs", Assert.Single(listed.GetProperty("Metrics").EnumerateArray()).GetProperty("MetricName").GetString());
    }

    private async Task<JsonElement> CliAsync(params string[] arguments)
    {
        var result = (await ClientProcess.AwsCliAsync(_host.Endpoint, arguments)).EnsureSuccess("aws " + string.Join(' ', arguments));
        return result.Stdout.Trim().Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private async Task<JsonElement> RunAsync(string protocol, string script)
    {
        var ns = "Test" + Guid.NewGuid().ToString("N")[..8];
        var result = (await ClientProcess.PythonAsync(_host.Endpoint, Prelude + Dedent(script), protocol, ns)).EnsureSuccess("boto3 " + protocol);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static string Describe(JsonElement result, string name)
    {
        var error = result.GetProperty(name);
        return error.ValueKind == JsonValueKind.Null ? "no error" : $"{error[0].GetString()} {error[1].GetInt32()}";
    }

    private static string Dedent(string script)
    {
        var lines = script.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
