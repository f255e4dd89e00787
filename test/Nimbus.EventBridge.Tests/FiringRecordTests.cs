using Microsoft.Extensions.Time.Testing;
using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Overview;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Tests.Infrastructure;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// The durable record of firings behind the console's "last firings": written with the tick, updated with the
/// delivery's outcome, bounded per rule or schedule, kept across restarts, dropped with its rule or schedule.
/// </summary>
public sealed class FiringRecordTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-10T00:00:30Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ScheduledRule_RecordsEachTick_WithItsOutcome()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        CreateRule(harness, "hourly", "rate(1 hour)");

        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        invoker.Fail = _ => new AwsServiceException("ResourceNotFoundException", 404, "Function not found: tick");
        await harness.AdvanceAsync(TimeSpan.FromHours(1));

        var firings = Overview(harness).Rules.Single(r => r.Rule.Name == "hourly").LastFirings;
        Assert.Equal(2, firings.Count);
        // Newest first.
        Assert.Equal(FiringOutcome.Failed, firings[0].Outcome);
        Assert.Equal("ResourceNotFoundException: Function not found: tick", firings[0].Error);
        Assert.Equal(Start.AddHours(2), firings[0].Tick);
        Assert.Equal(FiringOutcome.Succeeded, firings[1].Outcome);
        Assert.Null(firings[1].Error);
        Assert.Equal(Start.AddHours(1), firings[1].Tick);
        Assert.Equal(Start.AddHours(1), firings[1].CompletedAt);
        Assert.All(firings, f => Assert.Equal(FiringHarness.FunctionArn, f.Target));
        Assert.All(firings, f => Assert.False(f.RunNow));
    }

    [Fact]
    public async Task ThrottledDelivery_ShowsRetrying_ThenSucceeded()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        CreateRule(harness, "flaky", "rate(1 hour)");
        var failures = 1;
        invoker.Fail = _ => failures-- > 0 ? new AwsServiceException("TooManyRequestsException", 429, "Rate exceeded") : null;

        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        var retrying = Assert.Single(Overview(harness).Rules.Single().LastFirings);
        Assert.Equal(FiringOutcome.Retrying, retrying.Outcome);
        Assert.Equal(1, retrying.Attempts);
        Assert.Equal("TooManyRequestsException: Rate exceeded", retrying.Error);
        Assert.Null(retrying.CompletedAt);

        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));
        var succeeded = Assert.Single(Overview(harness).Rules.Single().LastFirings);
        Assert.Equal(FiringOutcome.Succeeded, succeeded.Outcome);
        Assert.Null(succeeded.Error);
        Assert.Equal(1, succeeded.Attempts);
    }

    [Fact]
    public async Task Firings_AreBoundedPerKey_AndSurviveARestart()
    {
        var invoker = new RecordingInvoker();
        var clock = new FakeTimeProvider(Start);
        var harness = new FiringHarness(clock, invoker);
        CreateRule(harness, "minutely", "rate(1 minute)");
        CreateRule(harness, "hourly", "rate(1 hour)");
        for (var i = 0; i < FiringRecord.Kept + 10; i++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        var restarted = harness.Restart();
        var all = restarted.Store.RecentFirings(1000);
        var minutely = all.Single(f => f.Key.EndsWith("minutely", StringComparison.Ordinal)).Value;
        Assert.Equal(FiringRecord.Kept, minutely.Count);
        // The newest are kept: the last tick and the fiftieth before it.
        Assert.Equal(Start.AddMinutes(FiringRecord.Kept + 10), minutely[0].Tick);
        Assert.Equal(Start.AddMinutes(11), minutely[^1].Tick);
        Assert.Single(all.Single(f => f.Key.EndsWith("hourly", StringComparison.Ordinal)).Value);
        Assert.Equal(3, Overview(restarted, firings: 3).Rules.Single(r => r.Rule.Name == "minutely").LastFirings.Count);
    }

    [Fact]
    public async Task DeletingARule_DropsItsFirings()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        CreateRule(harness, "short-lived", "rate(1 minute)");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.NotEmpty(harness.Store.RecentFirings(50));

        harness.Events.RemoveTargets(FiringHarness.Scope, null, "short-lived", ["t1"]);
        harness.Events.DeleteRule(FiringHarness.Scope, null, "short-lived", force: false);
        CreateRule(harness, "short-lived", "rate(1 hour)");

        Assert.Empty(harness.Store.RecentFirings(50));
    }

    [Fact]
    public async Task TickWithNothingToDeliver_IsRecordedAsSkipped()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Events.PutRule(FiringHarness.Scope, "default", "lonely", "rate(1 minute)", null, null, null, null, null);
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, new ScheduleDefinition
        {
            Name = "to-a-queue",
            ScheduleExpression = "rate(5 minutes)",
            FlexibleTimeWindowMode = "OFF",
            Target = new ScheduleTargetRecord { Arn = "arn:aws:sqs:us-east-1:000000000000:jobs", RoleArn = "arn:aws:iam::000000000000:role/r" },
        });

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        var overview = Overview(harness);
        var rule = Assert.Single(overview.Rules.Single().LastFirings);
        Assert.Equal(FiringOutcome.Skipped, rule.Outcome);
        Assert.Equal("The rule has no targets.", rule.Error);
        var schedule = Assert.Single(overview.Schedules.Single().LastFirings);
        Assert.Equal(FiringOutcome.Skipped, schedule.Outcome);
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:jobs", schedule.Target);
        Assert.Empty(invoker.Calls);
    }

    [Fact]
    public async Task EventPatternRule_RecordsEachMatchedEvent()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Events.PutRule(FiringHarness.Scope, "default", "orders", null, """{"source":["shop"]}""", null, null, null, null);
        harness.Events.PutTargets(FiringHarness.Scope, null, "orders", [new TargetRecord { Id = "t1", Arn = FiringHarness.FunctionArn }]);

        harness.Events.PutEvents(FiringHarness.Scope, [new PutEventsEntry(null, "shop", null, "Order", """{"id":1}""", null),
            new PutEventsEntry(null, "elsewhere", null, "Order", """{"id":2}""", null)]);
        await harness.AdvanceAsync(TimeSpan.Zero);

        var rule = Overview(harness).Rules.Single();
        Assert.Empty(rule.NextFireTimes);
        var firing = Assert.Single(rule.LastFirings);
        Assert.Equal(FiringOutcome.Succeeded, firing.Outcome);
        Assert.Equal(Start, firing.Tick);
    }

    [Fact]
    public async Task RunNow_DeliversAtOnce_AndLeavesTheScheduleAlone()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        var overview = new ScheduleOverviewService(harness.Store, harness.Worker, harness.Clock);
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, new ScheduleDefinition
        {
            Name = "nightly",
            ScheduleExpression = "cron(0 2 * * ? *)",
            ScheduleExpressionTimezone = "Europe/Paris",
            FlexibleTimeWindowMode = "OFF",
            State = "DISABLED",
            Target = new ScheduleTargetRecord { Arn = FiringHarness.FunctionArn, RoleArn = "arn:aws:iam::000000000000:role/r", Input = """{"at":"<aws.scheduler.scheduled-time>"}""" },
        });

        var result = overview.RunNow(FiringHarness.Scope, "schedule", null, "nightly");
        await harness.AdvanceAsync(TimeSpan.Zero);

        Assert.Equal(1, result.Deliveries);
        var call = Assert.Single(invoker.Calls);
        Assert.Equal("""{"at":"2026-03-10T00:00:30Z"}""", call.Payload);
        var item = overview.Build(FiringHarness.Scope, 20).Schedules.Single();
        var firing = Assert.Single(item.LastFirings);
        Assert.True(firing.RunNow);
        Assert.Equal(FiringOutcome.Succeeded, firing.Outcome);
        // Disabled: no next fire times, and running it did not arm it.
        Assert.Empty(item.NextFireTimes);
        Assert.Equal(0, harness.Engine.Count);

        var missing = Assert.Throws<AwsServiceException>(() => overview.RunNow(FiringHarness.Scope, "schedule", null, "nope"));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        harness.Events.PutRule(FiringHarness.Scope, "default", "pattern", null, """{"source":["x"]}""", null, null, null, null);
        var notScheduled = Assert.Throws<AwsServiceException>(() => overview.RunNow(FiringHarness.Scope, "rule", null, "pattern"));
        Assert.Equal("ValidationException", notScheduled.ErrorCode);
        Assert.Throws<AwsServiceException>(() => overview.RunNow(FiringHarness.Scope, "job", null, "nightly"));
    }

    [Fact]
    public void Overview_GivesFiveNextFireTimes_InTheSchedulesZone()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, new ScheduleDefinition
        {
            Name = "weekday-mornings",
            ScheduleExpression = "cron(0 9 ? * MON-FRI *)",
            ScheduleExpressionTimezone = "America/New_York",
            FlexibleTimeWindowMode = "OFF",
            Target = new ScheduleTargetRecord { Arn = FiringHarness.FunctionArn, RoleArn = "arn:aws:iam::000000000000:role/r" },
        });
        // Tuesday 2026-03-10 00:00:30 UTC is Monday 20:00 in New York (EDT since 2026-03-08, UTC-4).
        var next = Overview(harness).Schedules.Single().NextFireTimes;
        Assert.Equal(new[] { "2026-03-10T13:00:00Z", "2026-03-11T13:00:00Z", "2026-03-12T13:00:00Z", "2026-03-13T13:00:00Z", "2026-03-16T13:00:00Z" }
            .Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)), next);
    }

    private static SchedulesOverview Overview(FiringHarness harness, int firings = 20) =>
        new ScheduleOverviewService(harness.Store, harness.Worker, harness.Clock).Build(null, firings);

    private static void CreateRule(FiringHarness harness, string name, string expression)
    {
        harness.Events.PutRule(FiringHarness.Scope, "default", name, expression, null, null, null, null, null);
        Assert.Empty(harness.Events.PutTargets(FiringHarness.Scope, null, name, [new TargetRecord { Id = "t1", Arn = FiringHarness.FunctionArn }]));
    }
}
