using Microsoft.Extensions.Time.Testing;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Tests.Infrastructure;

namespace Nimbus.EventBridge.Tests;

/// <summary>EventBridge Scheduler schedules on the shared scheduler, with a fake clock.</summary>
public sealed class EventBridgeSchedulerFiringTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2024-05-01T08:00:00Z");

    [Fact]
    public async Task OneTimeSchedule_WithDelete_FiresOnceAndIsDeleted()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, Definition("once", "at(2024-05-01T10:00:00)", "Europe/Paris") with
        {
            ActionAfterCompletion = "DELETE",
            Target = Target("""{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>"}"""),
        });

        // 10:00 in Paris (UTC+2 in May) is 08:00 UTC: due immediately.
        Assert.Equal(1, await harness.AdvanceAsync(TimeSpan.Zero));
        await harness.AdvanceAsync(TimeSpan.FromDays(1));

        var call = Assert.Single(invoker.Calls);
        Assert.Equal("""{"arn":"arn:aws:scheduler:us-east-1:000000000000:schedule/default/once","at":"2024-05-01T08:00:00Z"}""", call.Payload);
        var error = Assert.Throws<Core.AwsServiceException>(() => harness.Scheduler.GetSchedule(FiringHarness.Scope, null, "once"));
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task RateSchedule_StartsImmediately_StopsAtEndDate_AndDisabledDoesNotFire()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, Definition("every10", "rate(10 minutes)", null) with { EndDate = Start.AddMinutes(25) });
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, Definition("off", "rate(1 minute)", null) with { State = "DISABLED" });

        for (var i = 0; i <= 6; i++)
        {
            await harness.AdvanceAsync(i == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(10));
        }
        Assert.Equal(3, invoker.Calls.Count);
        Assert.All(invoker.Calls, c => Assert.Equal("{}", c.Payload));
    }

    [Fact]
    public async Task FlexibleWindow_FiresOnceWithinTheWindow()
    {
        var invoker = new RecordingInvoker();
        using var harness = new FiringHarness(new FakeTimeProvider(Start), invoker);
        harness.Scheduler.CreateSchedule(FiringHarness.Scope, Definition("flex", "cron(0 9 * * ? *)", null) with
        {
            FlexibleTimeWindowMode = "FLEXIBLE",
            MaximumWindowInMinutes = 15,
        });

        var firedAt = new List<DateTimeOffset>();
        for (var minute = 0; minute < 120; minute++)
        {
            if (await harness.AdvanceAsync(TimeSpan.FromMinutes(1)) > 0)
            {
                firedAt.Add(harness.Clock.GetUtcNow());
            }
        }
        var at = Assert.Single(firedAt);
        Assert.InRange(at, Start.AddHours(1), Start.AddHours(1).AddMinutes(15));
    }

    [Theory]
    [InlineData("rate(1 minutes)", null, "Invalid Schedule Expression rate(1 minutes).")]
    [InlineData("cron(0 9 * * ? *)", "Mars/Olympus", "Invalid Schedule Expression Timezone Mars/Olympus.")]
    public void BadExpressions_AreValidationErrors(string expression, string? zone, string message)
    {
        using var harness = new FiringHarness(new FakeTimeProvider(Start), new RecordingInvoker());
        var error = Assert.Throws<Core.AwsServiceException>(() => harness.Scheduler.CreateSchedule(FiringHarness.Scope, Definition("bad", expression, zone)));
        Assert.Equal(("ValidationException", message), (error.ErrorCode, error.Message));
    }

    private static ScheduleDefinition Definition(string name, string expression, string? zone) => new()
    {
        Name = name,
        ScheduleExpression = expression,
        ScheduleExpressionTimezone = zone,
        FlexibleTimeWindowMode = "OFF",
        Target = Target(null),
    };

    private static ScheduleTargetRecord Target(string? input) => new()
    {
        Arn = FiringHarness.FunctionArn,
        RoleArn = "arn:aws:iam::000000000000:role/scheduler",
        Input = input,
    };
}
