using Nimbus.Core;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Overview;

/// <summary>
/// The console's view of scheduling: every schedule and rule with its next fire times (computed by the same
/// <see cref="Schedules.ScheduleTiming"/> the scheduler fires by) and its recorded firings; and "run now", which sends
/// a rule's or schedule's targets what a tick at this moment would send, through the same outbox and delivery worker,
/// without touching the schedule's own ticks.
/// </summary>
internal sealed class ScheduleOverviewService
{
    /// <summary>How many next fire times the console shows.</summary>
    public const int NextCount = 5;

    private readonly IEventBridgeStore _store;
    private readonly DeliveryWorker _deliveries;
    private readonly TimeProvider _time;

    public ScheduleOverviewService(IEventBridgeStore store, DeliveryWorker deliveries, TimeProvider time)
    {
        _store = store;
        _deliveries = deliveries;
        _time = time;
    }

    /// <summary>Everything in <paramref name="scope"/> (null: every scope), with at most <paramref name="firings"/> firings each.</summary>
    public SchedulesOverview Build(AwsScope? scope, int firings)
    {
        var now = _time.GetUtcNow();
        var recorded = _store.RecentFirings(firings);
        IReadOnlyList<Model.FiringRecord> FiringsOf(string key) => recorded.TryGetValue(key, out var list) ? list : [];
        var schedules = _store.ListAllSchedules()
            .Where(s => scope is null || s.Scope == scope)
            .OrderBy(s => s.Schedule.GroupName, StringComparer.Ordinal).ThenBy(s => s.Schedule.Name, StringComparer.Ordinal)
            .Select(s => new ScheduleOverviewItem(s.Scope, s.Schedule,
                SchedulerJob.For(s.Scope, s.Schedule)?.Timing.NextTimes(now, NextCount) ?? [],
                FiringsOf(ScheduleKeys.Schedule(s.Scope, s.Schedule.GroupName, s.Schedule.Name))))
            .ToList();
        var rules = _store.ListAllRules()
            .Where(r => scope is null || r.Scope == scope)
            .Select(r => new RuleOverviewItem(r.Scope, r.Rule,
                RuleJob.For(r.Scope, r.Rule)?.Timing.NextTimes(now, NextCount) ?? [],
                FiringsOf(ScheduleKeys.Rule(r.Scope, r.Rule.EventBusName, r.Rule.Name))))
            .ToList();
        return new SchedulesOverview(now, schedules, rules);
    }

    /// <summary>
    /// Fires a schedule (<paramref name="kind"/> <c>schedule</c>, <paramref name="container"/> its group) or a scheduled
    /// rule (<c>rule</c>, its bus) once, now, even when disabled. Event-pattern rules have no tick to run.
    /// </summary>
    public RunNowResult RunNow(AwsScope scope, string kind, string? container, string name)
    {
        ScheduledJob job;
        if (kind == "schedule")
        {
            var group = container ?? SchedulerService.DefaultGroup;
            var schedule = _store.GetSchedule(scope, group, name) ?? throw SchedulerErrors.ScheduleNotFound(group, name);
            job = SchedulerJob.For(scope, schedule, evenIfDisabled: true) ?? throw SchedulerErrors.Validation($"Schedule {name} has no valid expression.");
        }
        else if (kind == "rule")
        {
            var bus = EventsService.BusName(container);
            var rule = _store.GetRule(scope, bus, name) ?? throw EventsErrors.RuleNotFound(name, bus);
            job = RuleJob.For(scope, rule, evenIfDisabled: true)
                ?? throw EventsErrors.Validation($"Rule {name} has no schedule expression; only scheduled rules can be run now.");
        }
        else
        {
            throw EventsErrors.Validation("kind must be 'schedule' or 'rule'.");
        }
        var now = _time.GetUtcNow();
        var deliveries = job.Deliveries(now, now).Select(d => d with { RunNow = true }).ToList();
        if (deliveries.Count == 0)
        {
            _store.RecordSkipped(job.Key, now, job.NoDelivery, runNow: true);
        }
        else
        {
            _store.Enqueue(deliveries);
            _deliveries.Signal();
        }
        return new RunNowResult(now, deliveries.Count);
    }
}
