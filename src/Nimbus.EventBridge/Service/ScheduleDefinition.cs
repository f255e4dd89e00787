using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Service;

/// <summary>What CreateSchedule and UpdateSchedule carry (UpdateSchedule replaces every field, as on AWS).</summary>
internal sealed record ScheduleDefinition
{
    public required string Name { get; init; }

    public string? GroupName { get; init; }

    public required string ScheduleExpression { get; init; }

    public string? ScheduleExpressionTimezone { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public string? Description { get; init; }

    public string? State { get; init; }

    public required string FlexibleTimeWindowMode { get; init; }

    public int? MaximumWindowInMinutes { get; init; }

    public string? KmsKeyArn { get; init; }

    public string? ActionAfterCompletion { get; init; }

    public required ScheduleTargetRecord Target { get; init; }
}
