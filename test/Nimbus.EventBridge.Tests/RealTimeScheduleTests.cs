using Nimbus.EventBridge.Tests.Infrastructure;

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
        var functionArn = await EventLoggingFunction.CreateAsync(server, "minutely");
        var rule = await server.Cli.JsonAsync("events", "put-rule", "--name", "real-minute", "--schedule-expression", "rate(1 minute)");
        var ruleArn = rule.GetProperty("RuleArn").GetString()!;
        await server.Cli.JsonAsync("events", "put-targets", "--rule", "real-minute", "--targets", $$"""[{"Id":"fn","Arn":"{{functionArn}}"}]""");
        var createdAt = DateTimeOffset.UtcNow;

        // The first tick is due one minute after the rule was created; allow for a cold start and log delivery.
        var received = await EventLoggingFunction.ReceivedEventsAsync(server, "minutely", count: 1, timeoutSeconds: 100);
        Assert.True(received.Count >= 1, "the rule did not fire within 100 s of its creation");
        var scheduled = received[0];
        Assert.Equal("Scheduled Event", scheduled.GetProperty("detail-type").GetString());
        Assert.Equal([ruleArn], scheduled.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var tick = DateTimeOffset.Parse(scheduled.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(tick, createdAt.AddSeconds(-5), createdAt.AddSeconds(65));
    }
}
