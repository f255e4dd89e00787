using System.Text.Json;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>
/// Metric alarms driven by boto3 (smithy-rpc-v2-cbor as it ships, and query as older SDKs send) and the AWS CLI, with
/// the server's clock moved period by period: threshold breach → ALARM → the Lambda action receives the alarm event;
/// back to OK; each missing-data treatment; bad input gets CloudWatch's errors.
/// </summary>
public sealed class AlarmClientTests : IClassFixture<AlarmsHost>
{
    private readonly AlarmsHost _host;

    public AlarmClientTests(AlarmsHost host) => _host = host;

    [Theory]
    [InlineData("default")]
    [InlineData("query")]
    public async Task ThresholdBreach_GoesToAlarm_InvokesTheFunction_ThenBackToOk(string protocol)
    {
        var ns = "Alarm" + Guid.NewGuid().ToString("N")[..8];
        var created = await RunAsync(protocol, ns, """
            cw.put_metric_alarm(AlarmName=ns, Namespace=ns, MetricName="Errors", Dimensions=[{"Name": "FunctionName", "Value": "f"}],
                Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=5, ComparisonOperator="GreaterThanThreshold",
                AlarmActions=[fn], OKActions=[fn], AlarmDescription="errors of f")
            put(4)
            put(6)
            a = alarm(ns)
            print(json.dumps({"state": a["StateValue"], "reason": a["StateReason"], "arn": a["AlarmArn"], "actions": a["AlarmActions"], "period": a["Period"]}))
            """);
        Assert.Equal("INSUFFICIENT_DATA", created.GetProperty("state").GetString());
        Assert.Equal("Unchecked: Initial alarm creation", created.GetProperty("reason").GetString());
        Assert.Equal($"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{ns}", created.GetProperty("arn").GetString());

        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromMinutes(1));
        var alarmed = await RunAsync(protocol, ns, """
            a = alarm(ns)
            history = cw.describe_alarm_history(AlarmName=ns)["AlarmHistoryItems"]
            print(json.dumps({"state": a["StateValue"], "reason": a["StateReason"], "data": json.loads(a["StateReasonData"]),
                "history": [[h["HistoryItemType"], h["HistorySummary"]] for h in history]}))
            """);
        Assert.Equal("ALARM", alarmed.GetProperty("state").GetString());
        Assert.StartsWith("Threshold Crossed: 1 out of the last 1 datapoints [10.0 (", alarmed.GetProperty("reason").GetString());
        Assert.EndsWith("was greater than the threshold (5.0) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition).",
            alarmed.GetProperty("reason").GetString());
        Assert.Equal(10, alarmed.GetProperty("data").GetProperty("recentDatapoints")[0].GetDouble());
        Assert.Equal("Sum", alarmed.GetProperty("data").GetProperty("statistic").GetString());
        var history = alarmed.GetProperty("history").EnumerateArray().Select(h => $"{h[0].GetString()}: {h[1].GetString()}").ToList();
        Assert.Equal([$"Action: Successfully executed action arn:aws:lambda:us-east-1:000000000000:function:on-alarm-{ns}",
            "StateUpdate: Alarm updated from INSUFFICIENT_DATA to ALARM", $"ConfigurationUpdate: Alarm \"{ns}\" created"], history);

        var alarmEvent = Assert.Single(_host.Invoker.EventsFor("on-alarm-" + ns));
        Assert.Equal("aws.cloudwatch", alarmEvent.GetProperty("source").GetString());
        Assert.Equal(created.GetProperty("arn").GetString(), alarmEvent.GetProperty("alarmArn").GetString());
        var data = alarmEvent.GetProperty("alarmData");
        Assert.Equal(ns, data.GetProperty("alarmName").GetString());
        Assert.Equal("ALARM", data.GetProperty("state").GetProperty("value").GetString());
        Assert.Equal("INSUFFICIENT_DATA", data.GetProperty("previousState").GetProperty("value").GetString());
        Assert.Equal("errors of f", data.GetProperty("configuration").GetProperty("description").GetString());
        var metricStat = Assert.Single(data.GetProperty("configuration").GetProperty("metrics").EnumerateArray()).GetProperty("metricStat");
        Assert.Equal("Errors", metricStat.GetProperty("metric").GetProperty("name").GetString());
        Assert.Equal("f", metricStat.GetProperty("metric").GetProperty("dimensions").GetProperty("FunctionName").GetString());
        Assert.Equal("Sum", metricStat.GetProperty("stat").GetString());

        // The next minute is below the threshold: OK, and the OK action gets its event.
        await RunAsync(protocol, ns, "put(2)\nprint('{}')", _host.Clock.GetUtcNow().ToUnixTimeSeconds());
        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromMinutes(1));
        var ok = await RunAsync(protocol, ns, """print(json.dumps({"state": alarm(ns)["StateValue"], "reason": alarm(ns)["StateReason"]}))""");
        Assert.Equal("OK", ok.GetProperty("state").GetString());
        Assert.StartsWith("Threshold Crossed: 1 datapoint [2.0 (", ok.GetProperty("reason").GetString());
        Assert.EndsWith("was not greater than the threshold (5.0).", ok.GetProperty("reason").GetString());
        var events = _host.Invoker.EventsFor("on-alarm-" + ns);
        Assert.Equal(2, events.Count);
        Assert.Equal("OK", events[1].GetProperty("alarmData").GetProperty("state").GetProperty("value").GetString());
        Assert.Equal("ALARM", events[1].GetProperty("alarmData").GetProperty("previousState").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("missing", "INSUFFICIENT_DATA")]
    [InlineData("ignore", "ALARM")]
    [InlineData("breaching", "ALARM")]
    [InlineData("notBreaching", "OK")]
    public async Task MissingData_IsTreatedAsConfigured(string treatment, string expected)
    {
        var ns = "Missing" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync("default", ns, $$"""
            cw.put_metric_alarm(AlarmName=ns, Namespace=ns, MetricName="Errors", Dimensions=[{"Name": "FunctionName", "Value": "f"}],
                Statistic="Maximum", Period=60, EvaluationPeriods=2, DatapointsToAlarm=1, Threshold=5,
                ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="{{treatment}}")
            put(9)
            print("{}")
            """);
        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromMinutes(1));
        var first = await RunAsync("default", ns, """print(json.dumps({"state": alarm(ns)["StateValue"]}))""");
        Assert.Equal("ALARM", first.GetProperty("state").GetString());

        // Five silent minutes: the evaluation range holds no datapoint at all.
        for (var minute = 0; minute < 5; minute++)
        {
            await _host.AdvanceAndEvaluateAsync(TimeSpan.FromMinutes(1));
        }
        var later = await RunAsync("default", ns, """print(json.dumps({"state": alarm(ns)["StateValue"], "reason": alarm(ns)["StateReason"]}))""");
        Assert.Equal(expected, later.GetProperty("state").GetString());
        if (treatment == "missing")
        {
            Assert.Equal("Insufficient Data: 2 datapoints were unknown.", later.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task DescribeFiltersPagesTagsAndActionSwitches()
    {
        var ns = "Describe" + Guid.NewGuid().ToString("N")[..8];
        var result = await RunAsync("default", ns, """
            for i in range(5):
                cw.put_metric_alarm(AlarmName=f"{ns}-{i}", Namespace=ns, MetricName="Errors", Dimensions=[{"Name": "FunctionName", "Value": "f"}],
                    Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=i, ComparisonOperator="GreaterThanThreshold",
                    AlarmActions=[fn] if i == 0 else [], Tags=[{"Key": "team", "Value": "a"}])
            cw.set_alarm_state(AlarmName=f"{ns}-3", StateValue="ALARM", StateReason="testing", StateReasonData='{"why": 1}')
            pages = list(cw.get_paginator("describe_alarms").paginate(AlarmNamePrefix=ns, PaginationConfig={"PageSize": 2}))
            arn = alarm(f"{ns}-1")["AlarmArn"]
            cw.tag_resource(ResourceARN=arn, Tags=[{"Key": "env", "Value": "prod"}])
            cw.untag_resource(ResourceARN=arn, TagKeys=["team"])
            cw.disable_alarm_actions(AlarmNames=[f"{ns}-0"])
            disabled = alarm(f"{ns}-0")["ActionsEnabled"]
            cw.enable_alarm_actions(AlarmNames=[f"{ns}-0"])
            for_metric = cw.describe_alarms_for_metric(Namespace=ns, MetricName="Errors", Dimensions=[{"Name": "FunctionName", "Value": "f"}])
            cw.delete_alarms(AlarmNames=[f"{ns}-4"])
            print(json.dumps({
                "pages": [len(p["MetricAlarms"]) for p in pages],
                "names": [a["AlarmName"] for p in pages for a in p["MetricAlarms"]],
                "inAlarm": [a["AlarmName"] for a in cw.describe_alarms(AlarmNamePrefix=ns, StateValue="ALARM")["MetricAlarms"]],
                "byAction": [a["AlarmName"] for a in cw.describe_alarms(AlarmNamePrefix=ns, ActionPrefix="arn:aws:lambda:")["MetricAlarms"]],
                "composite": cw.describe_alarms(AlarmNamePrefix=ns, AlarmTypes=["CompositeAlarm"])["MetricAlarms"],
                "tags": cw.list_tags_for_resource(ResourceARN=arn)["Tags"],
                "disabled": disabled, "enabled": alarm(f"{ns}-0")["ActionsEnabled"],
                "forMetric": len(for_metric["MetricAlarms"]),
                "left": len(cw.describe_alarms(AlarmNamePrefix=ns)["MetricAlarms"]),
                "setHistory": [h["HistorySummary"] for h in cw.describe_alarm_history(AlarmName=f"{ns}-3", HistoryItemType="StateUpdate")["AlarmHistoryItems"]],
                "reasonData": alarm(f"{ns}-3")["StateReasonData"],
            }))
            """);

        Assert.Equal([2, 2, 1], result.GetProperty("pages").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{ns}-{i}"), result.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([$"{ns}-3"], result.GetProperty("inAlarm").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([$"{ns}-0"], result.GetProperty("byAction").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(0, result.GetProperty("composite").GetArrayLength());
        var tag = Assert.Single(result.GetProperty("tags").EnumerateArray());
        Assert.Equal("env=prod", $"{tag.GetProperty("Key").GetString()}={tag.GetProperty("Value").GetString()}");
        Assert.False(result.GetProperty("disabled").GetBoolean());
        Assert.True(result.GetProperty("enabled").GetBoolean());
        Assert.Equal(5, result.GetProperty("forMetric").GetInt32());
        Assert.Equal(4, result.GetProperty("left").GetInt32());
        Assert.Equal(["Alarm updated from INSUFFICIENT_DATA to ALARM"], result.GetProperty("setHistory").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("{\"why\": 1}", result.GetProperty("reasonData").GetString());
    }

    [Theory]
    [InlineData("default")]
    [InlineData("json")]
    [InlineData("query")]
    public async Task BadInput_GetsCloudWatchErrors(string protocol)
    {
        var ns = "Bad" + Guid.NewGuid().ToString("N")[..8];
        var result = await RunAsync(protocol, ns, """
            base = dict(AlarmName=ns, Namespace=ns, MetricName="m", Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1,
                ComparisonOperator="GreaterThanThreshold")
            def put_alarm(**changes):
                args = dict(base)
                args.update(changes)
                return error_of(lambda: cw.put_metric_alarm(**{k: v for k, v in args.items() if v is not None}))
            arn = f"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{ns}-nope"
            print(json.dumps({
                "period": put_alarm(Period=45),
                "bothStats": put_alarm(ExtendedStatistic="p99"),
                "noStat": put_alarm(Statistic=None),
                "m>n": put_alarm(DatapointsToAlarm=2),
                "treatment": put_alarm(TreatMissingData="sometimes"),
                "operator": put_alarm(ComparisonOperator="Bigger"),
                "band": put_alarm(ComparisonOperator="LessThanLowerOrGreaterThanUpperThreshold"),
                "action": put_alarm(AlarmActions=["arn:aws:s3:::bucket"]),
                "noThreshold": put_alarm(Threshold=None),
                "tooLong": put_alarm(Period=3600, EvaluationPeriods=25),
                "setUnknown": error_of(lambda: cw.set_alarm_state(AlarmName=ns + "-nope", StateValue="OK", StateReason="x")),
                "setBadJson": (cw.put_metric_alarm(**base), error_of(lambda: cw.set_alarm_state(AlarmName=ns, StateValue="OK", StateReason="x", StateReasonData="{not json")))[1],
                "deleteUnknown": error_of(lambda: cw.delete_alarms(AlarmNames=[ns, ns + "-nope"])),
                "stillThere": len(cw.describe_alarms(AlarmNames=[ns])["MetricAlarms"]),
                "badToken": error_of(lambda: cw.describe_alarms(NextToken="garbage")),
                "namesAndPrefix": error_of(lambda: cw.describe_alarms(AlarmNames=[ns], AlarmNamePrefix=ns)),
                "badArn": error_of(lambda: cw.list_tags_for_resource(ResourceARN="not-an-arn")),
                "unknownArn": error_of(lambda: cw.list_tags_for_resource(ResourceARN=arn)),
                "notYet": error_of(lambda: cw.put_dashboard(DashboardName=ns, DashboardBody="{}")),
            }))
            """);

        Assert.Equal("InvalidParameterValue 400", Describe(result, "period"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "bothStats"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "noStat"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "m>n"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "treatment"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "operator"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "band"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "action"));
        Assert.Equal("MissingParameter 400", Describe(result, "noThreshold"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "tooLong"));
        Assert.Equal("ResourceNotFound 404", Describe(result, "setUnknown"));
        Assert.Equal("InvalidFormat 400", Describe(result, "setBadJson"));
        Assert.Equal("ResourceNotFound 404", Describe(result, "deleteUnknown"));
        Assert.Equal(1, result.GetProperty("stillThere").GetInt32());
        Assert.Equal("InvalidNextToken 400", Describe(result, "badToken"));
        Assert.Equal("InvalidParameterCombination 400", Describe(result, "namesAndPrefix"));
        Assert.Equal("InvalidParameterValue 400", Describe(result, "badArn"));
        Assert.Equal("ResourceNotFoundException 404", Describe(result, "unknownArn"));
        Assert.Equal("NotImplemented 501", Describe(result, "notYet"));
    }

    [Fact]
    public async Task AwsCli_PutDescribeSetStateHistoryDelete()
    {
        var name = "Cli" + Guid.NewGuid().ToString("N")[..8];
        await CliAsync("cloudwatch", "put-metric-alarm", "--alarm-name", name, "--namespace", name, "--metric-name", "Errors",
            "--statistic", "Sum", "--period", "60", "--evaluation-periods", "3", "--datapoints-to-alarm", "2", "--threshold", "1",
            "--comparison-operator", "GreaterThanOrEqualToThreshold", "--treat-missing-data", "ignore");
        await CliAsync("cloudwatch", "set-alarm-state", "--alarm-name", name, "--state-value", "ALARM", "--state-reason", "drill");
        var described = await CliAsync("cloudwatch", "describe-alarms", "--alarm-names", name);
        var alarm = Assert.Single(described.GetProperty("MetricAlarms").EnumerateArray());
        Assert.Equal("ALARM", alarm.GetProperty("StateValue").GetString());
        Assert.Equal("drill", alarm.GetProperty("StateReason").GetString());
        Assert.Equal(2, alarm.GetProperty("DatapointsToAlarm").GetInt32());
        // (ignore: the evaluator, running meanwhile on the same clock, cannot move it out of INSUFFICIENT_DATA without data.)
        Assert.Equal("ignore", alarm.GetProperty("TreatMissingData").GetString());

        var history = await CliAsync("cloudwatch", "describe-alarm-history", "--alarm-name", name, "--scan-by", "TimestampAscending");
        Assert.Equal(["ConfigurationUpdate", "StateUpdate"],
            history.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h => h.GetProperty("HistoryItemType").GetString()));

        await CliAsync("cloudwatch", "delete-alarms", "--alarm-names", name);
        var after = await CliAsync("cloudwatch", "describe-alarms", "--alarm-names", name);
        Assert.Equal(0, after.GetProperty("MetricAlarms").GetArrayLength());
    }

    private Task<JsonElement> CliAsync(params string[] arguments) => AlarmScripts.CliAsync(_host, arguments);

    private Task<JsonElement> RunAsync(string protocol, string ns, string script, long? now = null) => AlarmScripts.RunAsync(_host, protocol, ns, script, now);

    private static string Describe(JsonElement result, string name) => AlarmScripts.Describe(result, name);
}
