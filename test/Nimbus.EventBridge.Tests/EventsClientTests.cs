namespace Nimbus.EventBridge.Tests;

/// <summary>EventBridge through boto3 and the AWS CLI, unmodified, against a real Nimbus server: shapes, pagination, and AWS's errors.</summary>
public sealed class EventsClientTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Boto3_RulesAndTargets_RoundTrip()
    {
        var result = await server.Boto3.RunAsync("""
            ev = client("events")
            fn = "arn:aws:lambda:us-east-1:000000000000:function:worker"
            arn = ev.put_rule(Name="rt-hourly", ScheduleExpression="rate(1 hour)", Description="every hour", Tags=[{"Key": "team", "Value": "core"}])["RuleArn"]
            ev.put_rule(Name="rt-orders", EventPattern=json.dumps({"source": ["shop"]}), State="DISABLED")
            ev.put_rule(Name="other", ScheduleExpression="cron(0 12 * * ? *)")
            put = ev.put_targets(Rule="rt-hourly", Targets=[
                {"Id": "a", "Arn": fn, "Input": '{"k": 1}', "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600},
                 "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:000000000000:dlq"}},
                {"Id": "b", "Arn": fn, "InputTransformer": {"InputPathsMap": {"t": "$.time"}, "InputTemplate": '{"at": <t>}'}},
                {"Id": "c", "Arn": fn, "Input": "{}", "InputPath": "$.detail"},
            ])
            described = ev.describe_rule(Name="rt-hourly")
            page1 = ev.list_rules(NamePrefix="rt-", Limit=1)
            page2 = ev.list_rules(NamePrefix="rt-", Limit=1, NextToken=page1["NextToken"])
            targets = ev.list_targets_by_rule(Rule="rt-hourly")["Targets"]
            by_target = ev.list_rule_names_by_target(TargetArn=fn)["RuleNames"]
            ev.disable_rule(Name="rt-hourly")
            state = ev.describe_rule(Name="rt-hourly")["State"]
            ev.tag_resource(ResourceARN=arn, Tags=[{"Key": "env", "Value": "test"}])
            ev.untag_resource(ResourceARN=arn, TagKeys=["team"])
            tags = ev.list_tags_for_resource(ResourceARN=arn)["Tags"]
            delete_with_targets = error_of(lambda: ev.delete_rule(Name="rt-hourly"))
            ev.remove_targets(Rule="rt-hourly", Ids=["a", "b"])
            ev.delete_rule(Name="rt-hourly")
            missing = error_of(lambda: ev.describe_rule(Name="rt-hourly"))
            print(json.dumps({"arn": arn, "put": put, "described": described, "page1": [r["Name"] for r in page1["Rules"]],
                "page2": [r["Name"] for r in page2["Rules"]], "more": "NextToken" in page2, "targets": targets, "byTarget": by_target,
                "state": state, "tags": tags, "deleteWithTargets": delete_with_targets, "missing": missing}, default=str))
            """);

        Assert.Equal("arn:aws:events:us-east-1:000000000000:rule/rt-hourly", result.GetProperty("arn").GetString());
        var put = result.GetProperty("put");
        Assert.Equal(1, put.GetProperty("FailedEntryCount").GetInt32());
        Assert.Equal("c", put.GetProperty("FailedEntries")[0].GetProperty("TargetId").GetString());
        var described = result.GetProperty("described");
        Assert.Equal("rate(1 hour)", described.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("every hour", described.GetProperty("Description").GetString());
        Assert.Equal("ENABLED", described.GetProperty("State").GetString());
        Assert.Equal("default", described.GetProperty("EventBusName").GetString());
        Assert.Equal(["rt-hourly"], result.GetProperty("page1").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["rt-orders"], result.GetProperty("page2").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(result.GetProperty("more").GetBoolean());
        var targets = result.GetProperty("targets");
        Assert.Equal(2, targets.GetArrayLength());
        Assert.Equal(3, targets[0].GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:dlq", targets[0].GetProperty("DeadLetterConfig").GetProperty("Arn").GetString());
        Assert.Equal("{\"at\": <t>}", targets[1].GetProperty("InputTransformer").GetProperty("InputTemplate").GetString());
        Assert.Equal(["rt-hourly"], result.GetProperty("byTarget").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("DISABLED", result.GetProperty("state").GetString());
        Assert.Equal("env", Assert.Single(result.GetProperty("tags").EnumerateArray()).GetProperty("Key").GetString());
        Assert.Equal("ValidationException", result.GetProperty("deleteWithTargets").GetProperty("code").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("missing").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Boto3_BusesPutEventsAndTestEventPattern()
    {
        var result = await server.Boto3.RunAsync("""
            ev = client("events")
            bus_arn = ev.create_event_bus(Name="orders-bus")["EventBusArn"]
            again = error_of(lambda: ev.create_event_bus(Name="orders-bus"))
            buses = [b["Name"] for b in ev.list_event_buses()["EventBuses"]]
            ev.put_rule(Name="on-bus", EventBusName="orders-bus", EventPattern=json.dumps({"detail": {"n": [{"numeric": [">", 1]}]}}))
            on_bus = [r["Name"] for r in ev.list_rules(EventBusName="orders-bus")["Rules"]]
            entries = [{"Source": "shop", "DetailType": "order", "Detail": json.dumps({"n": 2}), "EventBusName": "orders-bus"},
                       {"Source": "shop", "DetailType": "order"},
                       {"Source": "shop", "DetailType": "order", "Detail": "[1]"},
                       {"Source": "shop", "DetailType": "order", "Detail": "{}", "EventBusName": "nope"}]
            put = ev.put_events(Entries=entries)
            too_many = error_of(lambda: ev.put_events(Entries=[entries[0]] * 11))
            too_big = error_of(lambda: ev.put_events(Entries=[{"Source": "s", "DetailType": "d", "Detail": json.dumps({"x": "y" * 200000})}] * 2))
            event = json.dumps({"id": "1", "account": "000000000000", "source": "shop", "time": "2024-01-01T00:00:00Z", "region": "us-east-1",
                                "resources": [], "detail-type": "order", "detail": {"state": "paid", "total": 120}})
            yes = ev.test_event_pattern(EventPattern=json.dumps({"detail": {"total": [{"numeric": [">=", 100]}], "state": [{"prefix": "pa"}]}}), Event=event)["Result"]
            no = ev.test_event_pattern(EventPattern=json.dumps({"detail": {"state": [{"anything-but": "paid"}]}}), Event=event)["Result"]
            bad = None
            try:
                ev.test_event_pattern(EventPattern='{"detail": {"state": "paid"}}', Event=event)
            except botocore.exceptions.ClientError as e:
                bad = {"code": error_code(e), "message": e.response["Error"]["Message"]}
            ev.delete_rule(Name="on-bus", EventBusName="orders-bus")
            ev.delete_event_bus(Name="orders-bus")
            gone = error_of(lambda: ev.describe_event_bus(Name="orders-bus"))
            default_bus = ev.describe_event_bus()["Arn"]
            print(json.dumps({"busArn": bus_arn, "again": again, "buses": buses, "onBus": on_bus, "put": put, "tooMany": too_many,
                              "tooBig": too_big, "yes": yes, "no": no, "bad": bad, "gone": gone, "default": default_bus}))
            """);

        Assert.Equal("arn:aws:events:us-east-1:000000000000:event-bus/orders-bus", result.GetProperty("busArn").GetString());
        Assert.Equal("ResourceAlreadyExistsException", result.GetProperty("again").GetProperty("code").GetString());
        Assert.Contains("default", result.GetProperty("buses").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(["on-bus"], result.GetProperty("onBus").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var put = result.GetProperty("put");
        Assert.Equal(3, put.GetProperty("FailedEntryCount").GetInt32());
        var entries = put.GetProperty("Entries");
        Assert.True(Guid.TryParse(entries[0].GetProperty("EventId").GetString(), out _));
        Assert.Equal("InvalidArgument", entries[1].GetProperty("ErrorCode").GetString());
        Assert.Equal("MalformedDetail", entries[2].GetProperty("ErrorCode").GetString());
        Assert.Equal("ResourceNotFoundException", entries[3].GetProperty("ErrorCode").GetString());
        Assert.Equal("ValidationException", result.GetProperty("tooMany").GetProperty("code").GetString());
        Assert.Equal("ValidationException", result.GetProperty("tooBig").GetProperty("code").GetString());
        Assert.True(result.GetProperty("yes").GetBoolean());
        Assert.False(result.GetProperty("no").GetBoolean());
        Assert.Equal("InvalidEventPatternException", result.GetProperty("bad").GetProperty("code").GetString());
        Assert.Equal("Event pattern is not valid. Reason: \"state\" must be an object or an array", result.GetProperty("bad").GetProperty("message").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("gone").GetProperty("code").GetString());
        Assert.Equal("arn:aws:events:us-east-1:000000000000:event-bus/default", result.GetProperty("default").GetString());
    }

    [Fact]
    public async Task Cli_BadExpressionsAndPatterns_GetAwsErrors()
    {
        var message = await server.Cli.FailsWithAsync("ValidationException", "events", "put-rule", "--name", "bad-rate", "--schedule-expression", "rate(1 minutes)");
        Assert.Contains("Parameter ScheduleExpression is not valid.", message);
        message = await server.Cli.FailsWithAsync("ValidationException", "events", "put-rule", "--name", "bad-cron", "--schedule-expression", "cron(0 12 * * * *)");
        Assert.Contains("Parameter ScheduleExpression is not valid.", message);
        message = await server.Cli.FailsWithAsync("InvalidEventPatternException", "events", "put-rule", "--name", "bad-pattern",
            "--event-pattern", """{"source":[{"numeric":[">",5,"<",1]}]}""");
        Assert.Contains("Event pattern is not valid. Reason: Bottom must be less than top", message);
        message = await server.Cli.FailsWithAsync("ValidationException", "events", "put-rule", "--name", "bad name!", "--schedule-expression", "rate(1 day)");
        Assert.Contains("failed to satisfy constraint", message);
        await server.Cli.FailsWithAsync("ResourceNotFoundException", "events", "put-targets", "--rule", "no-such-rule",
            "--targets", """[{"Id":"t","Arn":"arn:aws:lambda:us-east-1:000000000000:function:f"}]""");
        var unimplemented = await server.Cli.RunAsync("events", "list-archives");
        Assert.NotEqual(0, unimplemented.ExitCode);
        Assert.Contains("not implemented in Nimbus", unimplemented.StandardError);

        var created = await server.Cli.JsonAsync("events", "put-rule", "--name", "cli-rule", "--schedule-expression", "cron(0/5 8-17 ? * MON-FRI *)");
        Assert.Equal("arn:aws:events:us-east-1:000000000000:rule/cli-rule", created.GetProperty("RuleArn").GetString());
    }
}
