namespace Nimbus.Lambda.Model;

/// <summary>
/// The configuration members of <c>CreateFunction</c> and <c>UpdateFunctionConfiguration</c>, as a typed command:
/// null means "not given" (keep the current value, or the default on create).
/// </summary>
internal sealed record FunctionSettings
{
    public string? Runtime { get; init; }

    public string? Role { get; init; }

    public string? Handler { get; init; }

    public string? Description { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MemorySizeMb { get; init; }

    public int? EphemeralStorageMb { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public string? TracingMode { get; init; }

    public string? LogFormat { get; init; }

    public string? ApplicationLogLevel { get; init; }

    public string? SystemLogLevel { get; init; }

    public string? LogGroup { get; init; }

    /// <summary>Layers are not supported yet; a non-empty list is rejected.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    public string? RevisionId { get; init; }

    /// <summary>SQS queue or SNS topic ARN; an empty string removes the dead-letter queue.</summary>
    public string? DeadLetterTargetArn { get; init; }
}
