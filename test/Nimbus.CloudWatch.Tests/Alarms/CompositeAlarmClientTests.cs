using System.Text.Json;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>
/// Composite alarms driven by boto3 in all three protocols CloudWatch speaks (smithy-rpc-v2-cbor as boto3 ships,
/// awsJson 1.0, query) and the AWS CLI: rules over metric and composite alarms by name, quoted name and ARN, evaluated
/// when a child changes (SetAlarmState or the evaluator), Lambda actions with the composite event, the children and
/// parents listings, history, and bad rules getting CloudWatch's ValidationError.
/// </summary>
public sealed class CompositeAlarmClientTests : IClassFixture<AlarmsHost>
{
    /// <summary>Creates metric alarms <c>{ns}-a</c> and <c>{ns}-b</c> (no data: INSUFFICIENT_DATA).</summary>
    internal const string Children = """
        def metric_alarm(name, **extra):
            cw.put_metric_alarm(AlarmName=name, Namespace=ns, MetricName="Errors", Dimensions=[{"Name": "FunctionName", "Value": "f"}],
                Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=5, ComparisonOperator="GreaterThanThreshold", **extra)
        a, b = ns + "-a", ns + "-b"
        metric_alarm(a)
        metric_alarm(b)
        arn_b = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + b
        def composite(name):
            return cw.describe_alarms(AlarmNames=[name], AlarmTypes=["CompositeAlarm"])["CompositeAlarms"][0]

        """;

    private readonly AlarmsHost _host;

    public CompositeAlarmClientTests(AlarmsHost host) => _host = host;

    [Theory]
    [InlineData("default")]
    [InlineData("json")]
    [InlineData("query")]
    public async Task ChildStateChanges_DriveTheComposite_AndItsLambdaActions(string protocol)
    {
        var ns = "Comp" + Guid.NewGuid().ToString("N")[..8];
        var result = await AlarmScripts.RunAsync(_host, protocol, ns, Children + """
            c = ns + "-c"
            cw.put_composite_alarm(AlarmName=c, AlarmRule=f'ALARM({a}) OR (ALARM("{arn_b}") AND NOT OK({b}))', AlarmActions=[fn], OKActions=[fn],
                AlarmDescription="a or b", Tags=[{"Key": "team", "Value": "web"}])
            created = composite(c)
            cw.set_alarm_state(AlarmName=a, StateValue="ALARM", StateReason="drill")
            alarmed = composite(c)
            children = cw.describe_alarms(ChildrenOfAlarmName=c)
            parents = cw.describe_alarms(ParentsOfAlarmName=a)
            history = cw.describe_alarm_history(AlarmName=c, ScanBy="TimestampAscending")["AlarmHistoryItems"]
            cw.set_alarm_state(AlarmName=a, StateValue="OK", StateReason="drill over")
            print(json.dumps({
                "created": [created["StateValue"], created["AlarmRule"], created["AlarmDescription"], created["AlarmArn"]],
                "alarmed": [alarmed["StateValue"], alarmed["StateReason"], json.loads(alarmed["StateReasonData"])],
                "metricOnly": [m["AlarmName"] for m in cw.describe_alarms(AlarmNamePrefix=ns)["MetricAlarms"]],
                "compositeOnly": len(cw.describe_alarms(AlarmNamePrefix=ns)["CompositeAlarms"]),
                "both": len(cw.describe_alarms(AlarmNamePrefix=ns, AlarmTypes=["MetricAlarm", "CompositeAlarm"])["CompositeAlarms"]),
                "children": [sorted(m.keys()) for m in children["MetricAlarms"]], "childNames": [m["AlarmName"] for m in children["MetricAlarms"]],
                "parents": [sorted(p.keys()) for p in parents["CompositeAlarms"]],
                "history": [[h["AlarmType"], h["HistoryItemType"], h["HistorySummary"]] for h in history],
                "compositeHistory": len(cw.describe_alarm_history(AlarmTypes=["CompositeAlarm"])["AlarmHistoryItems"]) > 0,
                "back": composite(c)["StateValue"],
                "tags": cw.list_tags_for_resource(ResourceARN=created["AlarmArn"])["Tags"],
                "deleteChild": error_of(lambda: cw.delete_alarms(AlarmNames=[a])),
            }))
            cw.delete_alarms(AlarmNames=[c])
            cw.delete_alarms(AlarmNames=[a, b])
            """);

        var created = result.GetProperty("created");
        // Created INSUFFICIENT_DATA, then evaluated at once: no child is in ALARM, so OK.
        Assert.Equal("OK", created[0].GetString());
        Assert.Equal("a or b", created[2].GetString());
        Assert.Equal($"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{ns}-c", created[3].GetString());
        var alarmed = result.GetProperty("alarmed");
        Assert.Equal("ALARM", alarmed[0].GetString());
        Assert.StartsWith($"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{ns}-a transitioned to ALARM at ", alarmed[1].GetString());
        Assert.EndsWith(" UTC", alarmed[1].GetString());
        var trigger = Assert.Single(alarmed[2].GetProperty("triggeringAlarms").EnumerateArray());
        Assert.Equal("ALARM", trigger.GetProperty("state").GetProperty("value").GetString());
        Assert.Equal($"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{ns}-a", trigger.GetProperty("arn").GetString());

        Assert.Equal([$"{ns}-a", $"{ns}-b"], result.GetProperty("metricOnly").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(0, result.GetProperty("compositeOnly").GetInt32());
        Assert.Equal(1, result.GetProperty("both").GetInt32());
        Assert.Equal([$"{ns}-a", $"{ns}-b"], result.GetProperty("childNames").EnumerateArray().Select(n => n.GetString()));
        Assert.All(result.GetProperty("children").EnumerateArray(), keys => Assert.Equal(["AlarmArn", "AlarmName", "StateUpdatedTimestamp", "StateValue"],
            keys.EnumerateArray().Select(k => k.GetString())));
        Assert.Equal(["AlarmArn", "AlarmName"], Assert.Single(result.GetProperty("parents").EnumerateArray()).EnumerateArray().Select(k => k.GetString()));

        var history = result.GetProperty("history").EnumerateArray().Select(h => $"{h[0].GetString()} {h[1].GetString()}: {h[2].GetString()}").ToList();
        Assert.Equal($"CompositeAlarm ConfigurationUpdate: Alarm \"{ns}-c\" created", history[0]);
        Assert.Contains("CompositeAlarm StateUpdate: Alarm updated from INSUFFICIENT_DATA to OK", history);
        Assert.Contains("CompositeAlarm StateUpdate: Alarm updated from OK to ALARM", history);
        Assert.True(result.GetProperty("compositeHistory").GetBoolean());
        Assert.Equal("OK", result.GetProperty("back").GetString());
        Assert.Equal("web", Assert.Single(result.GetProperty("tags").EnumerateArray()).GetProperty("Value").GetString());
        var deleteChild = result.GetProperty("deleteChild");
        Assert.Equal("ValidationError 400", AlarmScripts.Describe(result, "deleteChild"));
        Assert.Equal($"Cannot delete {ns}-a as there are composite alarm(s) depending on it.", deleteChild[2].GetString());

        // OK on creation, ALARM, OK again: three events (delivered asynchronously) with the rule in the configuration.
        await _host.AdvanceAndEvaluateAsync(TimeSpan.Zero);
        var events = _host.Invoker.EventsFor("on-alarm-" + ns);
        Assert.Equal(["ALARM", "OK", "OK"], events.Select(e => e.GetProperty("alarmData").GetProperty("state").GetProperty("value").GetString()).Order());
        var alarmEvent = events.Single(e => e.GetProperty("alarmData").GetProperty("state").GetProperty("value").GetString() == "ALARM");
        Assert.Equal("OK", alarmEvent.GetProperty("alarmData").GetProperty("previousState").GetProperty("value").GetString());
        var configuration = alarmEvent.GetProperty("alarmData").GetProperty("configuration");
        Assert.Equal(created[1].GetString(), configuration.GetProperty("alarmRule").GetString());
        Assert.Equal("a or b", configuration.GetProperty("description").GetString());
    }

    [Fact]
    public async Task EvaluatedChild_CascadesThroughNestedComposites_AndCyclesStop()
    {
        var ns = "Nest" + Guid.NewGuid().ToString("N")[..8];
        await AlarmScripts.RunAsync(_host, "default", ns, Children + """
            cw.put_composite_alarm(AlarmName=ns + "-c1", AlarmRule=f"ALARM({a})")
            cw.put_composite_alarm(AlarmName=ns + "-c2", AlarmRule=f"ALARM({ns}-c1) AND true")
            put(9)
            print("{}")
            """);
        // The evaluator moves the metric alarm to ALARM; the composites above it follow in the same pass.
        await _host.AdvanceAndEvaluateAsync(TimeSpan.FromMinutes(1));
        var result = await AlarmScripts.RunAsync(_host, "default", ns, """
            a = ns + "-a"
            def state(name):
                return cw.describe_alarms(AlarmNames=[name], AlarmTypes=["MetricAlarm", "CompositeAlarm"])
            states = [state(a)["MetricAlarms"][0]["StateValue"]] + [state(ns + s)["CompositeAlarms"][0]["StateValue"] for s in ["-c1", "-c2"]]
            # SetAlarmState on a composite holds until a child changes.
            cw.set_alarm_state(AlarmName=ns + "-c2", StateValue="OK", StateReason="manual")
            c2 = state(ns + "-c2")["CompositeAlarms"][0]
            # A cycle: c1 now also depends on c2. A change of a still settles (c1 → OK; c2, re-evaluated, stays OK),
            # and neither composite can be deleted.
            cw.put_composite_alarm(AlarmName=ns + "-c1", AlarmRule=f"ALARM({a}) OR ALARM({ns}-c2)")
            cw.set_alarm_state(AlarmName=a, StateValue="OK", StateReason="x")
            print(json.dumps({"states": states, "c1": state(ns + "-c1")["CompositeAlarms"][0]["StateValue"],
                "c2": [c2["StateValue"], c2["StateReason"], state(ns + "-c2")["CompositeAlarms"][0]["StateValue"]],
                "deleteC1": error_of(lambda: cw.delete_alarms(AlarmNames=[ns + "-c1"])),
                "deleteBoth": error_of(lambda: cw.delete_alarms(AlarmNames=[ns + "-c1", ns + "-c2"]))}))
            """);

        Assert.Equal(["ALARM", "ALARM", "ALARM"], result.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["OK", "manual", "OK"], result.GetProperty("c2").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("OK", result.GetProperty("c1").GetString());
        Assert.Equal("ValidationError", result.GetProperty("deleteC1")[0].GetString());
        Assert.Equal("ValidationError", result.GetProperty("deleteBoth")[0].GetString());
    }

    [Theory]
    [InlineData("default")]
    [InlineData("json")]
    [InlineData("query")]
    public async Task BadRulesAndRequests_GetCloudWatchErrors(string protocol)
    {
        var ns = "BadC" + Guid.NewGuid().ToString("N")[..8];
        var result = await AlarmScripts.RunAsync(_host, protocol, ns, Children + """
            def put(rule, **extra):
                return error_of(lambda: cw.put_composite_alarm(AlarmName=ns + "-c", AlarmRule=rule, **extra))
            ok = put(f'OK("{a}") and not INSUFFICIENT_DATA({arn_b})')
            cw.put_composite_alarm(AlarmName=ns + "-d", AlarmRule="FALSE")
            print(json.dumps({
                "ok": ok,
                "empty": put("()"),
                "dangling": put(f"ALARM({a}) AND"),
                "unknownFunction": put(f"BROKEN({a})"),
                "unclosed": put(f"ALARM({a}"),
                "unknownAlarm": put(f"ALARM({a}) OR ALARM(nope-{ns})"),
                "otherAccount": put(f"ALARM(arn:aws:cloudwatch:us-east-1:111122223333:alarm:{a})"),
                "suppressorNoPeriods": put("TRUE", ActionsSuppressor=a),
                "badAction": put("TRUE", AlarmActions=["arn:aws:s3:::bucket"]),
                "metricOverComposite": error_of(lambda: metric_alarm(ns + "-c")),
                "compositeOverMetric": error_of(lambda: cw.put_composite_alarm(AlarmName=a, AlarmRule="TRUE")),
                "twoComposites": error_of(lambda: cw.delete_alarms(AlarmNames=[ns + "-c", ns + "-d"])),
                "childrenAndState": error_of(lambda: cw.describe_alarms(ChildrenOfAlarmName=ns + "-c", StateValue="OK")),
                "childrenAndParents": error_of(lambda: cw.describe_alarms(ChildrenOfAlarmName=ns + "-c", ParentsOfAlarmName=a)),
            }))
            """);

        Assert.Equal(JsonValueKind.Null, result.GetProperty("ok").ValueKind);
        Assert.Equal("Error in AlarmRule [Unsupported token ')' at char 1]", Message(result, "empty"));
        Assert.StartsWith("Error in AlarmRule [", Message(result, "dangling"));
        Assert.Equal("Error in AlarmRule [Unsupported token 'BROKEN' at char 0]", Message(result, "unknownFunction"));
        Assert.StartsWith("Error in AlarmRule [", Message(result, "unclosed"));
        Assert.Equal($"Could not save the composite alarm as alarms [nope-{ns}] in the alarm rule do not exist", Message(result, "unknownAlarm"));
        Assert.Contains("in the alarm rule do not exist", Message(result, "otherAccount"));
        Assert.StartsWith("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are required", Message(result, "suppressorNoPeriods"));
        Assert.Equal("InvalidParameterValue 400", AlarmScripts.Describe(result, "badAction"));
        foreach (var name in new[] { "metricOverComposite", "compositeOverMetric", "twoComposites", "childrenAndState", "childrenAndParents" })
        {
            Assert.Equal("ValidationError 400", AlarmScripts.Describe(result, name));
        }
    }

    [Fact]
    public async Task AwsCli_PutCompositeAlarm_DescribeSetStateDelete()
    {
        var ns = "CliC" + Guid.NewGuid().ToString("N")[..8];
        await AlarmScripts.RunAsync(_host, "default", ns, Children + "print('{}')");
        await AlarmScripts.CliAsync(_host, "cloudwatch", "put-composite-alarm", "--alarm-name", ns + "-c", "--alarm-rule", $"ALARM(\"{ns}-a\") OR ALARM({ns}-b)");
        await AlarmScripts.CliAsync(_host, "cloudwatch", "set-alarm-state", "--alarm-name", ns + "-b", "--state-value", "ALARM", "--state-reason", "drill");
        var described = await AlarmScripts.CliAsync(_host, "cloudwatch", "describe-alarms", "--alarm-names", ns + "-c", "--alarm-types", "CompositeAlarm");
        var composite = Assert.Single(described.GetProperty("CompositeAlarms").EnumerateArray());
        Assert.Equal("ALARM", composite.GetProperty("StateValue").GetString());
        Assert.Equal($"ALARM(\"{ns}-a\") OR ALARM({ns}-b)", composite.GetProperty("AlarmRule").GetString());

        var parents = await AlarmScripts.CliAsync(_host, "cloudwatch", "describe-alarms", "--parents-of-alarm-name", ns + "-b");
        Assert.Equal(ns + "-c", Assert.Single(parents.GetProperty("CompositeAlarms").EnumerateArray()).GetProperty("AlarmName").GetString());
        var history = await AlarmScripts.CliAsync(_host, "cloudwatch", "describe-alarm-history", "--alarm-name", ns + "-c", "--history-item-type", "StateUpdate");
        Assert.Equal(["Alarm updated from OK to ALARM", "Alarm updated from INSUFFICIENT_DATA to OK"],
            history.GetProperty("AlarmHistoryItems").EnumerateArray().Select(h => h.GetProperty("HistorySummary").GetString()));

        await AlarmScripts.CliAsync(_host, "cloudwatch", "delete-alarms", "--alarm-names", ns + "-c");
        var after = await AlarmScripts.CliAsync(_host, "cloudwatch", "describe-alarms", "--alarm-names", ns + "-c", "--alarm-types", "CompositeAlarm");
        Assert.Equal(0, after.GetProperty("CompositeAlarms").GetArrayLength());
    }

    private static string Message(JsonElement result, string name)
    {
        var error = result.GetProperty(name);
        Assert.True(error.ValueKind == JsonValueKind.Array, $"{name}: expected an error, got {error}");
        Assert.Equal("ValidationError", error[0].GetString());
        return error[2].GetString()!;
    }
}
