using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Overview;

/// <summary>An EventBridge Scheduler schedule as the console shows it: its definition, next fire times and last firings.</summary>
internal sealed record ScheduleOverviewItem(AwsScope Scope, ScheduleRecord Schedule, IReadOnlyList<DateTimeOffset> NextFireTimes, IReadOnlyList<FiringRecord> LastFirings);
