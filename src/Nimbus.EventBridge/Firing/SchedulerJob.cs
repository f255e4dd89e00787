using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Schedules;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Firing;

/// <summary>
/// An EventBridge Scheduler schedule. Its target receives <c>Input</c> (default <c>{}</c>) with the context attributes
/// <c>&lt;aws.scheduler.schedule-arn&gt;</c>, <c>&lt;aws.scheduler.scheduled-time&gt;</c>,
/// <c>&lt;aws.scheduler.execution-id&gt;</c> and <c>&lt;aws.scheduler.attempt-number&gt;</c> filled in
/// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html).
/// </summary>
internal sealed class SchedulerJob : ScheduledJob
{
    private readonly ScheduleRecord _schedule;

    private SchedulerJob(AwsScope scope, ScheduleRecord schedule, ScheduleTiming timing)
        : base(ScheduleKeys.Schedule(scope, schedule.GroupName, schedule.Name), scope, timing) => _schedule = schedule;

    public override TimeSpan FlexibleWindow => _schedule.FlexibleTimeWindowMode == "FLEXIBLE"
        ? TimeSpan.FromMinutes(_schedule.MaximumWindowInMinutes ?? 0)
        : TimeSpan.Zero;

    public override (AwsScope Scope, string Group, string Name)? DeleteAfterCompletion =>
        _schedule.ActionAfterCompletion == "DELETE" ? (Scope, _schedule.GroupName, _schedule.Name) : null;

    /// <summary>The job of an enabled schedule (or of any, with <paramref name="evenIfDisabled"/>), or null when it does not fire.</summary>
    public static SchedulerJob? For(AwsScope scope, ScheduleRecord schedule, bool evenIfDisabled = false)
    {
        if (!(schedule.IsEnabled || evenIfDisabled) || ScheduleExpression.Parse(schedule.ScheduleExpression, allowAt: true) is not { } expression)
        {
            return null;
        }
        var zone = TimeZones.Find(schedule.ScheduleExpressionTimezone) ?? TimeZoneInfo.Utc;
        // "If you do not provide a StartDate for a rate-based schedule, your schedule starts invoking the target immediately."
        var timing = new ScheduleTiming(expression, schedule.StartDate ?? schedule.CreationDate, firstTickAtAnchor: true, zone,
            expression.Kind == ScheduleKind.At ? null : schedule.StartDate, expression.Kind == ScheduleKind.At ? null : schedule.EndDate);
        return new SchedulerJob(scope, schedule, timing);
    }

    public override IReadOnlyList<Delivery> Deliveries(DateTimeOffset tick, DateTimeOffset now)
    {
        var target = _schedule.Target;
        if (!TargetPayload.IsLambda(target.Arn))
        {
            return [];
        }
        var payload = (target.Input ?? "{}")
            .Replace("<aws.scheduler.schedule-arn>", _schedule.Arn, StringComparison.Ordinal)
            .Replace("<aws.scheduler.scheduled-time>", EventEnvelope.FormatTime(tick), StringComparison.Ordinal)
            .Replace("<aws.scheduler.execution-id>", Guid.NewGuid().ToString("D"), StringComparison.Ordinal)
            .Replace("<aws.scheduler.attempt-number>", "1", StringComparison.Ordinal);
        return
        [
            new Delivery
            {
                Scope = Scope,
                FunctionArn = target.Arn,
                Payload = payload,
                Source = _schedule.Arn,
                CreatedAt = now,
                NotBefore = now,
                MaximumRetryAttempts = target.MaximumRetryAttempts ?? TargetPayload.DefaultMaximumRetryAttempts,
                MaximumEventAgeInSeconds = target.MaximumEventAgeInSeconds ?? TargetPayload.DefaultMaximumEventAgeInSeconds,
                DeadLetterArn = target.DeadLetterArn,
                FiringKey = Key,
            },
        ];
    }

    public override SkippedTarget NoDelivery =>
        new(_schedule.Target.Arn, "Nimbus invokes only Lambda function targets; this target was not invoked.");
}
