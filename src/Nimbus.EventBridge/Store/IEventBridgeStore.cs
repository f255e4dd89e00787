using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Store;

/// <summary>
/// EventBridge's and EventBridge Scheduler's state: buses, rules (with their targets), schedule groups, schedules,
/// the last fired tick of each schedule, and the outbox of deliveries. Every write is durable when it returns.
/// </summary>
internal interface IEventBridgeStore
{
    EventBusRecord? GetBus(AwsScope scope, string name);

    /// <summary>Inserts a bus; false when one of that name exists.</summary>
    bool TryAddBus(AwsScope scope, EventBusRecord bus);

    void UpdateBus(AwsScope scope, EventBusRecord bus);

    void DeleteBus(AwsScope scope, string name);

    IReadOnlyList<EventBusRecord> ListBuses(AwsScope scope);

    RuleRecord? GetRule(AwsScope scope, string bus, string name);

    void SaveRule(AwsScope scope, RuleRecord rule);

    /// <summary>Deletes a rule and its fired-tick state.</summary>
    void DeleteRule(AwsScope scope, string bus, string name);

    IReadOnlyList<RuleRecord> ListRules(AwsScope scope, string bus);

    /// <summary>Every rule with a schedule expression, in every scope (loaded by the scheduler at start).</summary>
    IReadOnlyList<(AwsScope Scope, RuleRecord Rule)> ListScheduledRules();

    /// <summary>Every rule, scheduled or not, in every scope (for the console's overview).</summary>
    IReadOnlyList<(AwsScope Scope, RuleRecord Rule)> ListAllRules();

    ScheduleGroupRecord? GetGroup(AwsScope scope, string name);

    bool TryAddGroup(AwsScope scope, ScheduleGroupRecord group);

    void UpdateGroup(AwsScope scope, ScheduleGroupRecord group);

    /// <summary>Deletes a group and every schedule in it.</summary>
    void DeleteGroup(AwsScope scope, string name);

    IReadOnlyList<ScheduleGroupRecord> ListGroups(AwsScope scope);

    ScheduleRecord? GetSchedule(AwsScope scope, string group, string name);

    bool TryAddSchedule(AwsScope scope, ScheduleRecord schedule);

    void UpdateSchedule(AwsScope scope, ScheduleRecord schedule);

    void DeleteSchedule(AwsScope scope, string group, string name);

    IReadOnlyList<ScheduleRecord> ListSchedules(AwsScope scope, string? group);

    IReadOnlyList<(AwsScope Scope, ScheduleRecord Schedule)> ListAllSchedules();

    /// <summary>The last tick fired for a scheduler key, or null.</summary>
    DateTimeOffset? GetLastTick(string key);

    /// <summary>The last fired tick of every key (read once at start-up).</summary>
    IReadOnlyDictionary<string, DateTimeOffset> AllLastTicks();

    /// <summary>
    /// In one transaction, for each commit: records its tick as fired, queues its deliveries (and records their
    /// firings, or a SKIPPED one when there is nothing to deliver), and (for completed
    /// schedules with <c>ActionAfterCompletion: DELETE</c>) deletes the schedule. Batching the ticks due at the same
    /// moment into one transaction is what keeps 10,000 simultaneous ticks from costing 10,000 fsyncs.
    /// </summary>
    void CommitTicks(IReadOnlyList<TickCommit> commits);

    /// <summary>Queues deliveries; those with a <see cref="Delivery.FiringKey"/> get a firing recorded.</summary>
    void Enqueue(IReadOnlyList<Delivery> deliveries);

    /// <summary>Deliveries due at <paramref name="now"/>, oldest first.</summary>
    IReadOnlyList<Delivery> DueDeliveries(DateTimeOffset now, int limit);

    /// <summary>The earliest time a queued delivery becomes due, or null when the outbox is empty.</summary>
    DateTimeOffset? NextDeliveryTime();

    /// <summary>Removes delivered (or abandoned) deliveries and records their firings' outcomes, in one transaction.</summary>
    void CompleteDeliveries(IReadOnlyList<DeliveryOutcome> outcomes);

    /// <summary>Puts a delivery back for a later attempt; its firing shows RETRYING with <paramref name="error"/>.</summary>
    void RetryDelivery(long id, int attempts, DateTimeOffset notBefore, string error);

    /// <summary>Records a firing that had nothing to deliver (SKIPPED), for "run now" of such a rule or schedule.</summary>
    void RecordSkipped(string key, DateTimeOffset at, SkippedTarget skipped, bool runNow);

    /// <summary>The latest firings (newest first, at most <paramref name="perKey"/> each) of every rule and schedule, by key.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<FiringRecord>> RecentFirings(int perKey);
}
