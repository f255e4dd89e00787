using System.Text.Json;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// The one test on the real clock: a <c>rate(1 minute)</c> rule created with the AWS CLI invokes its function within the
/// minute (plus the cold start and log delivery), with no test hook involved. Its own server, so no other test fires
/// the rule early.
/// </summary>
public sealed class RealTimeScheduleTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task RateOneMinuteRule_CreatedWithTheCli_InvokesItsFunctionOnTheRealClock()
    {
        var created = await server.Boto3.RunAsync("""
            lam = client("lambda")
            code = zip_of({"app.py": "import json\ndef handler(event, context):\n    print('EVENT ' + json.dumps(event))\n    return {}\n"})
            fn = lam.create_function(FunctionName="minutely", Runtime="python3.12", Handler="app.handler",
                                     Role="arn:aws:iam::000000000000:role/r", Code={"ZipFile": code})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName="minutely")
            print(json.dumps({"arn": fn}))
            """);
        var functionArn = created.GetProperty("arn").GetString()!;
        var rule = await server.Cli.JsonAsync("events", "put-rule", "--name", "real-minute", "--schedule-expression", "rate(1 minute)");
        var ruleArn = rule.GetProperty("RuleArn").GetString()!;
        await server.Cli.JsonAsync("events", "put-targets", "--rule", "real-minute", "--targets", $$"""[{"Id":"fn","Arn":"{{functionArn}}"}]""");
        var createdAt = DateTimeOffset.UtcNow;

        // The first tick is due one minute after the rule was created; allow for a cold start and log delivery.
        var logs = await server.Boto3.RunAsync("""
            logs = client("logs")
            found, deadline = [], time.time() + 100
            while time.time() < deadline and not found:
                try:
                    events = logs.filter_log_events(logGroupName="/aws/lambda/minutely")["events"]
                    found = [json.loads(e["message"].split("EVENT ", 1)[1]) for e in events if "EVENT " in e["message"]]
                except botocore.exceptions.ClientError:
                    pass
                time.sleep(1)
            print(json.dumps(found))
            """);

        var received = logs.EnumerateArray().ToList();
        Assert.True(received.Count >= 1, $"the rule did not fire within 100 s of its creation: {logs}");
        var scheduled = received[0];
        Assert.Equal("Scheduled Event", scheduled.GetProperty("detail-type").GetString());
        Assert.Equal([ruleArn], scheduled.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var tick = DateTimeOffset.Parse(scheduled.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(tick, createdAt.AddSeconds(-5), createdAt.AddSeconds(65));
    }
}
