using Nimbus.Testing;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Real functions on a real server: the AWS/Lambda metrics counted against the invocations that produced them
/// (by function, by alias Resource, asynchronous events received, aged, dropped, destination failures, cold starts),
/// and a CloudWatch alarm whose action is a real function that receives AWS's alarm event.
/// </summary>
public sealed class LambdaMetricsAndAlarmTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Boto3_LambdaMetrics_CountTheInvocations()
    {
        var result = await server.Boto3.RunAsync("""
            lam, cw = client("lambda"), client("cloudwatch")
            name = "counted-" + os.urandom(4).hex()
            lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                Code={"ZipFile": zip_of({"app.py": "def handler(e, c):\n    if e.get('fail'):\n        raise ValueError('no')\n    return 1\n"})})
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            version = lam.publish_version(FunctionName=name)["Version"]
            lam.create_alias(FunctionName=name, Name="live", FunctionVersion=version)
            # Failed events are dropped after no retry; the on-failure destination (SQS) is not delivered by Nimbus.
            lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0,
                DestinationConfig={"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:000000000000:nowhere"}})
            for _ in range(3):
                lam.invoke(FunctionName=name, Qualifier="live", Payload=b"{}")
            for payload in [b"{}", b"{}", b"{}", b'{"fail": true}']:
                lam.invoke(FunctionName=name, InvocationType="Event", Payload=payload)
            now = datetime.datetime.now(datetime.timezone.utc)
            def stat(metric, statistic="Sum", dims=None, ns="AWS/Lambda"):
                dims = [{"Name": "FunctionName", "Value": name}] if dims is None else dims
                points = cw.get_metric_statistics(Namespace=ns, MetricName=metric, Dimensions=dims,
                    StartTime=now - datetime.timedelta(minutes=10), EndTime=now + datetime.timedelta(minutes=10), Period=3600, Statistics=[statistic])["Datapoints"]
                return sum(p[statistic] for p in points) if statistic in ("Sum", "SampleCount") else max([p[statistic] for p in points] or [0])
            deadline = time.time() + 90
            while (stat("Invocations") < 7 or stat("AsyncEventsDropped") < 1 or stat("DestinationDeliveryFailures") < 1) and time.time() < deadline:
                time.sleep(0.5)
            time.sleep(1)
            print(json.dumps({
                "invocations": stat("Invocations"), "errors": stat("Errors"),
                "aliasInvocations": stat("Invocations", dims=[{"Name": "FunctionName", "Value": name}, {"Name": "Resource", "Value": name + ":live"}]),
                "received": stat("AsyncEventsReceived"), "ages": stat("AsyncEventAge", "SampleCount"),
                "dropped": stat("AsyncEventsDropped"), "destinationFailures": stat("DestinationDeliveryFailures"),
                "durations": stat("Duration", "SampleCount"),
                "accountConcurrency": stat("ConcurrentExecutions", "Maximum", dims=[]),
                "unreserved": stat("UnreservedConcurrentExecutions", "Maximum", dims=[]),
                "coldStarts": stat("ColdStarts", ns="Nimbus/Lambda"), "inits": stat("InitDuration", "SampleCount", ns="Nimbus/Lambda"),
            }))
            """, TimeSpan.FromMinutes(3));

        Assert.Equal(7, result.GetProperty("invocations").GetDouble());
        Assert.Equal(1, result.GetProperty("errors").GetDouble());
        Assert.Equal(3, result.GetProperty("aliasInvocations").GetDouble());
        Assert.Equal(4, result.GetProperty("received").GetDouble());
        Assert.Equal(4, result.GetProperty("ages").GetDouble());
        Assert.Equal(1, result.GetProperty("dropped").GetDouble());
        Assert.Equal(1, result.GetProperty("destinationFailures").GetDouble());
        Assert.Equal(7, result.GetProperty("durations").GetDouble());
        Assert.True(result.GetProperty("accountConcurrency").GetDouble() >= 1);
        Assert.True(result.GetProperty("unreserved").GetDouble() >= 1);
        Assert.True(result.GetProperty("coldStarts").GetDouble() >= 1);
        Assert.Equal(result.GetProperty("coldStarts").GetDouble(), result.GetProperty("inits").GetDouble());
    }

    [Fact]
    public async Task Boto3_AlarmAction_InvokesARealFunctionWithTheAlarmEvent()
    {
        var result = await server.Boto3.RunAsync("""
            lam, cw, logs = client("lambda"), client("cloudwatch"), client("logs")
            suffix = os.urandom(4).hex()
            target, alarm, denied = "on-alarm-" + suffix, "errors-" + suffix, "denied-" + suffix
            lam.create_function(FunctionName=target, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                Code={"ZipFile": zip_of({"app.py": "import json\ndef handler(e, c):\n    print('ALARM_EVENT ' + json.dumps(e))\n"})})
            lam.get_waiter("function_active_v2").wait(FunctionName=target)
            fn_arn = lam.get_function(FunctionName=target)["Configuration"]["FunctionArn"]
            alarm_arn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + alarm
            lam.add_permission(FunctionName=target, StatementId="alarms", Action="lambda:InvokeFunction",
                Principal="lambda.alarms.cloudwatch.amazonaws.com", SourceArn=alarm_arn)
            for n in (alarm, denied):
                cw.put_metric_alarm(AlarmName=n, Namespace="AWS/Lambda", MetricName="Errors", Dimensions=[{"Name": "FunctionName", "Value": target}],
                    Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                    AlarmActions=[fn_arn], TreatMissingData="ignore")
                cw.set_alarm_state(AlarmName=n, StateValue="ALARM", StateReason="drill " + n)
            events, deadline = [], time.time() + 90
            while not events and time.time() < deadline:
                time.sleep(1)
                try:
                    found = logs.filter_log_events(logGroupName="/aws/lambda/" + target, filterPattern='"ALARM_EVENT"')["events"]
                except botocore.exceptions.ClientError:
                    continue
                events = [json.loads(e["message"][e["message"].index("ALARM_EVENT ") + 12:]) for e in found]
            def actions(n):
                return [h["HistorySummary"] for h in cw.describe_alarm_history(AlarmName=n, HistoryItemType="Action")["AlarmHistoryItems"]]
            deadline = time.time() + 30
            while not actions(denied) and time.time() < deadline:
                time.sleep(0.5)
            print(json.dumps({"events": events, "alarmArn": alarm_arn, "allowed": actions(alarm), "denied": actions(denied)}))
            """, TimeSpan.FromMinutes(3));

        var alarmEvent = Assert.Single(result.GetProperty("events").EnumerateArray());
        Assert.Equal("aws.cloudwatch", alarmEvent.GetProperty("source").GetString());
        Assert.Equal(result.GetProperty("alarmArn").GetString(), alarmEvent.GetProperty("alarmArn").GetString());
        var data = alarmEvent.GetProperty("alarmData");
        Assert.Equal("ALARM", data.GetProperty("state").GetProperty("value").GetString());
        Assert.StartsWith("drill errors-", data.GetProperty("state").GetProperty("reason").GetString());
        Assert.Equal("INSUFFICIENT_DATA", data.GetProperty("previousState").GetProperty("value").GetString());
        Assert.Equal("Errors", data.GetProperty("configuration").GetProperty("metrics")[0].GetProperty("metricStat").GetProperty("metric").GetProperty("name").GetString());
        Assert.StartsWith("Successfully executed action", Assert.Single(result.GetProperty("allowed").EnumerateArray()).GetString());
        // The function's policy names only the first alarm: the second alarm's action is refused, as AWS refuses it.
        Assert.Contains("not authorized", Assert.Single(result.GetProperty("denied").EnumerateArray()).GetString());
    }
}
