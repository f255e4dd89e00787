using System.Text.Json.Serialization;
using Nimbus.Core;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// One event source mapping as stored: a DynamoDB stream feeding a function (optionally a version or alias), with the
/// batching, retry and filtering settings of the <c>CreateEventSourceMapping</c> API and its life-cycle state.
/// </summary>
internal sealed record EventSourceMapping
{
    public required string Uuid { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>The bare function name; <see cref="Qualifier"/> is the version or alias the mapping invokes, if any.</summary>
    public required string FunctionName { get; init; }

    public string? Qualifier { get; init; }

    public required string EventSourceArn { get; init; }

    public required string State { get; init; }

    public string StateTransitionReason { get; init; } = "User action";

    /// <summary>What the user asked for: the state a transition (<c>Creating</c>, <c>Updating</c>, …) settles into.</summary>
    public bool Enabled { get; init; } = true;

    public int BatchSize { get; init; } = 100;

    public int MaximumBatchingWindowInSeconds { get; init; }

    public int ParallelizationFactor { get; init; } = 1;

    public required string StartingPosition { get; init; }

    public int MaximumRetryAttempts { get; init; } = -1;

    public int MaximumRecordAgeInSeconds { get; init; } = -1;

    public bool BisectBatchOnFunctionError { get; init; }

    public int TumblingWindowInSeconds { get; init; }

    /// <summary>Null when the mapping has no <c>FilterCriteria</c>; otherwise the patterns (a record passes when any matches).</summary>
    public IReadOnlyList<string>? FilterPatterns { get; init; }

    public IReadOnlyList<string> FunctionResponseTypes { get; init; } = [];

    public string? OnFailureDestination { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public string LastProcessingResult { get; init; } = "No records processed";

    [JsonIgnore]
    public AwsScope Scope => new(AccountId, Region);

    [JsonIgnore]
    public bool ReportsBatchItemFailures => FunctionResponseTypes.Contains("ReportBatchItemFailures");

    [JsonIgnore]
    public bool IsTransitional => State is not (MappingStates.Enabled or MappingStates.Disabled);
}
