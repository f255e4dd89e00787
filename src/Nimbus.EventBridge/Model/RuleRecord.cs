namespace Nimbus.EventBridge.Model;

/// <summary>A rule of an event bus: a schedule or an event pattern (or both), and its targets.</summary>
internal sealed record RuleRecord
{
    public required string Name { get; init; }

    public required string EventBusName { get; init; }

    public required string Arn { get; init; }

    public string? ScheduleExpression { get; init; }

    public string? EventPattern { get; init; }

    /// <summary><c>ENABLED</c>, <c>DISABLED</c> or <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c>.</summary>
    public required string State { get; init; }

    public string? Description { get; init; }

    public string? RoleArn { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>When the current schedule began: rate ticks count from here (set on create, on a schedule change and on enable).</summary>
    public required DateTimeOffset ScheduleAnchor { get; init; }

    public List<TargetRecord> Targets { get; init; } = [];

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public bool IsEnabled => State != "DISABLED";
}
