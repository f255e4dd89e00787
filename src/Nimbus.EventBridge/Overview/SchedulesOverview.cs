namespace Nimbus.EventBridge.Overview;

/// <summary>Every schedule and rule at one moment (<see cref="Now"/>, the time the next fire times count from).</summary>
internal sealed record SchedulesOverview(DateTimeOffset Now, IReadOnlyList<ScheduleOverviewItem> Schedules, IReadOnlyList<RuleOverviewItem> Rules);
