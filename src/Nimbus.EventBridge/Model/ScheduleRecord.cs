namespace Nimbus.EventBridge.Model;

/// <summary>An EventBridge Scheduler schedule.</summary>
internal sealed record ScheduleRecord
{
    public required string GroupName { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string ScheduleExpression { get; init; }

    public string? ScheduleExpressionTimezone { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public string? Description { get; init; }

    /// <summary><c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public required string State { get; init; }

    /// <summary><c>OFF</c> or <c>FLEXIBLE</c>.</summary>
    public required string FlexibleTimeWindowMode { get; init; }

    public int? MaximumWindowInMinutes { get; init; }

    public string? KmsKeyArn { get; init; }

    /// <summary><c>NONE</c> or <c>DELETE</c>.</summary>
    public required string ActionAfterCompletion { get; init; }

    public required ScheduleTargetRecord Target { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required DateTimeOffset LastModificationDate { get; init; }

    public bool IsEnabled => State == "ENABLED";
}
