namespace Nimbus.EventBridge.Model;

/// <summary>A rule's target. Only Lambda function ARNs are delivered; the other parameters are kept and echoed.</summary>
internal sealed record TargetRecord
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public string? RoleArn { get; init; }

    public string? Input { get; init; }

    public string? InputPath { get; init; }

    public Dictionary<string, string>? InputPathsMap { get; init; }

    public string? InputTemplate { get; init; }

    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    public string? DeadLetterArn { get; init; }

    /// <summary>Target parameters Nimbus stores but does not act on (SqsParameters, HttpParameters, …), as raw JSON.</summary>
    public Dictionary<string, string> OtherParameters { get; init; } = new(StringComparer.Ordinal);
}
