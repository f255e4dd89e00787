namespace Nimbus.EventBridge.Model;

/// <summary>
/// One firing of a rule or schedule towards one target, as the console shows it: when the tick was due, when it fired,
/// and what became of handing the event to the target (<see cref="FiringOutcome"/>). Kept per rule or schedule, the
/// latest <see cref="FiringRecord.Kept"/> only.
/// </summary>
internal sealed record FiringRecord
{
    /// <summary>Firings kept per rule or schedule; older ones are dropped as new ones are recorded.</summary>
    public const int Kept = 50;

    public required long Id { get; init; }

    /// <summary>The scheduler key of the rule or schedule (<see cref="Store.ScheduleKeys"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The scheduled tick (for an event-pattern rule, the time the matching event was put; for run-now, the moment asked).</summary>
    public required DateTimeOffset Tick { get; init; }

    public required DateTimeOffset FiredAt { get; init; }

    /// <summary>The target's ARN, or a description when there was nothing to deliver to.</summary>
    public required string Target { get; init; }

    public required string Outcome { get; init; }

    public string? Error { get; init; }

    /// <summary>Failed attempts to hand the event over so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Fired by the console's "run now", not by the schedule.</summary>
    public bool RunNow { get; init; }

    /// <summary>When the outcome became final (SUCCEEDED or FAILED).</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
