using Nimbus.Core;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Schedules;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Service;

/// <summary>EventBridge Scheduler's logic: schedule groups and schedules. Firing is the shared <see cref="ScheduleEngine"/>'s.</summary>
internal sealed partial class SchedulerService
{
    public const string DefaultGroup = "default";

    private readonly IEventBridgeStore _store;
    private readonly ScheduleEngine _engine;
    private readonly TimeProvider _time;
    private readonly Lock _writes = new();

    public SchedulerService(IEventBridgeStore store, ScheduleEngine engine, TimeProvider time)
    {
        _store = store;
        _engine = engine;
        _time = time;
    }

    public static string ScheduleArn(AwsScope scope, string group, string name) => Arn.Build("scheduler", scope, $"schedule/{group}/{name}");

    public static string GroupArn(AwsScope scope, string group) => Arn.Build("scheduler", scope, $"schedule-group/{group}");

    public IEnumerable<ScheduledJob> ScheduledJobs() =>
        _store.ListAllSchedules().Select(s => (ScheduledJob?)SchedulerJob.For(s.Scope, s.Schedule)).OfType<ScheduledJob>();

    public string CreateSchedule(AwsScope scope, ScheduleDefinition definition)
    {
        var group = definition.GroupName ?? DefaultGroup;
        lock (_writes)
        {
            RequireGroup(scope, group);
            var now = _time.GetUtcNow();
            var schedule = Build(scope, group, definition, now, now);
            if (!_store.TryAddSchedule(scope, schedule))
            {
                throw SchedulerErrors.Conflict($"Schedule {definition.Name} already exists.");
            }
            Arm(scope, schedule);
            return schedule.Arn;
        }
    }

    public string UpdateSchedule(AwsScope scope, ScheduleDefinition definition)
    {
        var group = definition.GroupName ?? DefaultGroup;
        lock (_writes)
        {
            var existing = GetSchedule(scope, group, definition.Name);
            var schedule = Build(scope, group, definition, existing.CreationDate, _time.GetUtcNow());
            _store.UpdateSchedule(scope, schedule);
            Arm(scope, schedule);
            return schedule.Arn;
        }
    }

    public ScheduleRecord GetSchedule(AwsScope scope, string? group, string name)
    {
        var groupName = group ?? DefaultGroup;
        RequireGroup(scope, groupName);
        return _store.GetSchedule(scope, groupName, name) ?? throw SchedulerErrors.ScheduleNotFound(groupName, name);
    }

    public void DeleteSchedule(AwsScope scope, string? group, string name)
    {
        var groupName = group ?? DefaultGroup;
        lock (_writes)
        {
            GetSchedule(scope, groupName, name);
            _store.DeleteSchedule(scope, groupName, name);
            _engine.Remove(ScheduleKeys.Schedule(scope, groupName, name));
        }
    }

    public Page<ScheduleRecord> ListSchedules(AwsScope scope, string? group, string? prefix, string? state, string? token, int? max)
    {
        var schedules = _store.ListSchedules(scope, group)
            .Where(s => (prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal)) && (state is null || s.State == state))
            .ToList();
        return Page<ScheduleRecord>.Of(schedules, s => s.GroupName + "/" + s.Name, token, max ?? 100, BadToken);
    }

    /// <summary>Puts an enabled schedule in the scheduler (or takes a disabled one out).</summary>
    private void Arm(AwsScope scope, ScheduleRecord schedule)
    {
        if (SchedulerJob.For(scope, schedule) is { } job)
        {
            // Just before the anchor: a rate schedule's first tick is its start ("starts invoking the target immediately").
            var now = _time.GetUtcNow();
            var anchor = job.Timing.Anchor.AddTicks(-1);
            _engine.Upsert(job, anchor > now.AddSeconds(-1) ? anchor : now.AddSeconds(-1));
        }
        else
        {
            _engine.Remove(ScheduleKeys.Schedule(scope, schedule.GroupName, schedule.Name));
        }
    }

    private ScheduleRecord Build(AwsScope scope, string group, ScheduleDefinition d, DateTimeOffset created, DateTimeOffset modified)
    {
        var expression = ScheduleExpression.Parse(d.ScheduleExpression, allowAt: true)
            ?? throw SchedulerErrors.Validation($"Invalid Schedule Expression {d.ScheduleExpression}.");
        if (d.ScheduleExpressionTimezone is { } zone && TimeZones.Find(zone) is null)
        {
            throw SchedulerErrors.Validation($"Invalid Schedule Expression Timezone {zone}.");
        }
        if (d.StartDate is { } start && d.EndDate is { } end && end <= start)
        {
            throw SchedulerErrors.Validation("The EndDate must be after the StartDate.");
        }
        if (d.FlexibleTimeWindowMode == "FLEXIBLE" && d.MaximumWindowInMinutes is null)
        {
            throw SchedulerErrors.Validation("MaximumWindowInMinutes must be provided when FlexibleTimeWindow Mode is FLEXIBLE.");
        }
        if (d.FlexibleTimeWindowMode == "OFF" && d.MaximumWindowInMinutes is not null)
        {
            throw SchedulerErrors.Validation("MaximumWindowInMinutes must not be provided when FlexibleTimeWindow Mode is OFF.");
        }
        if (expression.Kind != ScheduleKind.At && d.ActionAfterCompletion == "DELETE" && d.EndDate is null)
        {
            throw SchedulerErrors.Validation("ActionAfterCompletion DELETE requires a one-time schedule or an EndDate.");
        }
        return new ScheduleRecord
        {
            GroupName = group,
            Name = d.Name,
            Arn = ScheduleArn(scope, group, d.Name),
            ScheduleExpression = d.ScheduleExpression,
            ScheduleExpressionTimezone = d.ScheduleExpressionTimezone,
            StartDate = d.StartDate,
            EndDate = d.EndDate,
            Description = d.Description,
            State = d.State ?? "ENABLED",
            FlexibleTimeWindowMode = d.FlexibleTimeWindowMode,
            MaximumWindowInMinutes = d.MaximumWindowInMinutes,
            KmsKeyArn = d.KmsKeyArn,
            ActionAfterCompletion = d.ActionAfterCompletion ?? "NONE",
            Target = d.Target,
            CreationDate = created,
            LastModificationDate = modified,
        };
    }

    private static Exception BadToken(string token) => SchedulerErrors.Validation("The NextToken provided is invalid.");
}
