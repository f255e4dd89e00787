using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>
/// One evaluation pass over many alarms at once (the evaluator reads each distinct metric once and stores every
/// outcome in one transaction): alarms sharing one metric still each get their own statistic, unit filter and state,
/// a metric-math alarm is evaluated in the same pass, and every transition has its history item.
/// </summary>
public sealed class AlarmPassTests : IClassFixture<AlarmsHost>
{
    private readonly AlarmsHost _host;

    public AlarmPassTests(AlarmsHost host) => _host = host;

    [Fact]
    public async Task OnePass_AlarmsSharingAMetric_EachEvaluateTheirOwnStatistic()
    {
        var ns = "Pass" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync(ns, """
            dims = [{"Name": "FunctionName", "Value": "f"}]
            cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "Duration", "Values": [1, 2, 30], "Unit": "Milliseconds", "Timestamp": now, "Dimensions": dims}])
            common = dict(Namespace=ns, MetricName="Duration", Dimensions=dims, Period=60, EvaluationPeriods=1, ComparisonOperator="GreaterThanThreshold")
            cw.put_metric_alarm(AlarmName=ns + "-sum", Statistic="Sum", Threshold=20, **common)
            cw.put_metric_alarm(AlarmName=ns + "-max", Statistic="Maximum", Threshold=50, **common)
            cw.put_metric_alarm(AlarmName=ns + "-p50", ExtendedStatistic="p50", Threshold=1.5, **common)
            cw.put_metric_alarm(AlarmName=ns + "-count-unit", Statistic="Sum", Unit="Count", Threshold=0, TreatMissingData="notBreaching", **common)
            cw.put_metric_alarm(AlarmName=ns + "-other", Namespace=ns, MetricName="Other", Statistic="Sum", Period=60, EvaluationPeriods=1,
                Threshold=0, ComparisonOperator="GreaterThanThreshold")
            cw.put_metric_alarm(AlarmName=ns + "-math", EvaluationPeriods=1, Threshold=60, ComparisonOperator="GreaterThanThreshold", Metrics=[
                {"Id": "m1", "MetricStat": {"Metric": {"Namespace": ns, "MetricName": "Duration", "Dimensions": dims}, "Period": 60, "Stat": "Sum"}, "ReturnData": False},
                {"Id": "e1", "Expression": "m1 * 2", "ReturnData": True}])
            print("{}")
            """);

        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromMinutes(1));

        var result = await RunAsync(ns, """
            alarms = cw.describe_alarms(AlarmNamePrefix=ns)["MetricAlarms"]
            history = cw.describe_alarm_history(HistoryItemType="StateUpdate", MaxRecords=100)["AlarmHistoryItems"]
            print(json.dumps({"states": {a["AlarmName"][len(ns) + 1:]: a["StateValue"] for a in alarms},
                "updated": sorted(h["AlarmName"][len(ns) + 1:] for h in history if h["AlarmName"].startswith(ns))}))
            """);
        var states = result.GetProperty("states").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("ALARM", states["sum"]);          // 33 > 20
        Assert.Equal("OK", states["max"]);            // 30 ≤ 50
        Assert.Equal("ALARM", states["p50"]);          // p50 of 1, 2, 30 is 2 > 1.5
        Assert.Equal("OK", states["count-unit"]);     // no Count datapoints: missing treated as not breaching
        Assert.Equal("INSUFFICIENT_DATA", states["other"]);
        Assert.Equal("ALARM", states["math"]);         // 2 × 33 > 60
        Assert.Equal(["count-unit", "math", "max", "p50", "sum"], result.GetProperty("updated").EnumerateArray().Select(e => e.GetString()));
    }

    private async Task<JsonElement> RunAsync(string ns, string script)
    {
        const string Prelude = """
            import os, sys, json, datetime, boto3
            cw = boto3.client("cloudwatch", endpoint_url=os.environ["NIMBUS_ENDPOINT"])
            ns = sys.argv[1]
            now = datetime.datetime.fromtimestamp(int(sys.argv[2]), datetime.timezone.utc)

            """;
        var clock = _host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = (await ClientProcess.PythonAsync(_host.Endpoint, Prelude + script.Replace("\r", "", StringComparison.Ordinal), ns, clock)).EnsureSuccess("boto3");
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}
