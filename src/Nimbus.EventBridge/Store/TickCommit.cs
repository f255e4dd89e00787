using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

/// <summary>
/// One fired tick: its key, the tick, the deliveries it produced, the schedule to delete if it completed with DELETE,
/// and, when it produced no delivery, which target was skipped and why (recorded as a SKIPPED firing).
/// </summary>
internal sealed record TickCommit(string Key, DateTimeOffset Tick, IReadOnlyList<Delivery> Deliveries, (AwsScope Scope, string Group, string Name)? DeleteSchedule,
    SkippedTarget? Skipped = null);
