using Microsoft.Extensions.DependencyInjection;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Tests.Infrastructure;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// A real Python function, created through the Lambda API, triggered by a <c>rate(1 minute)</c> rule created with the
/// AWS CLI, and by PutEvents through a pattern rule with an input transformer. Instead of waiting a minute of wall
/// clock, the test uses the scheduler's documented test hook (<see cref="ScheduleEngine.FireDueAsync"/> with a time one
/// tick ahead), which fires exactly what the background loop would fire at that moment.
/// </summary>
public sealed class ScheduledLambdaTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task RateRule_InvokesRealFunction_WithScheduledEvent_AndPutEventsDeliversTransformedInput()
    {
        var functionArn = await EventLoggingFunction.CreateAsync(server, "ticker");

        var rule = await server.Cli.JsonAsync("events", "put-rule", "--name", "every-minute", "--schedule-expression", "rate(1 minute)");
        var ruleArn = rule.GetProperty("RuleArn").GetString()!;
        await server.Cli.JsonAsync("events", "put-targets", "--rule", "every-minute", "--targets", $$"""[{"Id":"fn","Arn":"{{functionArn}}"}]""");
        await server.Cli.JsonAsync("events", "put-rule", "--name", "orders", "--event-pattern", """{"source":["shop"],"detail":{"total":[{"numeric":[">",100]}]}}""");
        var transformer = """{"InputPathsMap":{"t":"$.detail.total","s":"$.source"},"InputTemplate":"{\"kind\": \"order\", \"total\": <t>, \"from\": \"<s>\"}"}""";
        await server.Cli.JsonAsync("events", "put-targets", "--rule", "orders", "--targets", $"[{{\"Id\":\"fn\",\"Arn\":\"{functionArn}\",\"InputTransformer\":{transformer}}}]");

        // The test hook: fire as the loop would one minute from now (the rule's first tick is one minute after creation).
        var engine = server.Host.Services.GetRequiredService<ScheduleEngine>();
        Assert.Equal(1, await engine.FireDueAsync(DateTimeOffset.UtcNow.AddSeconds(61)));
        await server.Cli.JsonAsync("events", "put-events", "--entries", """
            [{"Source":"shop","DetailType":"order","Detail":"{\"total\": 150}"},{"Source":"shop","DetailType":"order","Detail":"{\"total\": 5}"}]
            """);

        // The function runs asynchronously; its log lines arrive in CloudWatch Logs. Poll with a deadline, not a sleep.
        var received = await EventLoggingFunction.ReceivedEventsAsync(server, "ticker", count: 2, timeoutSeconds: 90);
        Assert.True(received.Count == 2, $"expected the scheduled event and one order, got: {string.Join(", ", received)}");
        var scheduled = received.Single(e => e.TryGetProperty("detail-type", out _));
        Assert.Equal("Scheduled Event", scheduled.GetProperty("detail-type").GetString());
        Assert.Equal("aws.events", scheduled.GetProperty("source").GetString());
        Assert.Equal([ruleArn], scheduled.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var order = received.Single(e => e.TryGetProperty("kind", out _));
        Assert.Equal(150, order.GetProperty("total").GetInt32());
        Assert.Equal("shop", order.GetProperty("from").GetString());
    }
}
