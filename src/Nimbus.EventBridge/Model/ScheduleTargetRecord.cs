namespace Nimbus.EventBridge.Model;

/// <summary>A schedule's target. Lambda function ARNs are invoked; other target kinds are stored only.</summary>
internal sealed record ScheduleTargetRecord
{
    public required string Arn { get; init; }

    public required string RoleArn { get; init; }

    public string? Input { get; init; }

    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    public string? DeadLetterArn { get; init; }

    /// <summary>Other target parameters (SqsParameters, EcsParameters, …) kept as raw JSON to echo back.</summary>
    public Dictionary<string, string> OtherParameters { get; init; } = new(StringComparer.Ordinal);
}
