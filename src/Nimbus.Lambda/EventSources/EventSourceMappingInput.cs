namespace Nimbus.Lambda.EventSources;

/// <summary>
/// The typed body of <c>CreateEventSourceMapping</c> / <c>UpdateEventSourceMapping</c>. Null members were not given
/// (Update leaves them as they are).
/// </summary>
internal sealed record EventSourceMappingInput
{
    public string? EventSourceArn { get; init; }

    public string? FunctionName { get; init; }

    public bool? Enabled { get; init; }

    public int? BatchSize { get; init; }

    /// <summary>Null: no <c>FilterCriteria</c> member. An empty list clears the filters (Update).</summary>
    public IReadOnlyList<string?>? FilterPatterns { get; init; }

    public int? MaximumBatchingWindowInSeconds { get; init; }

    public int? ParallelizationFactor { get; init; }

    public string? StartingPosition { get; init; }

    public bool HasStartingPositionTimestamp { get; init; }

    /// <summary>Whether <c>DestinationConfig</c> was given; <see cref="OnFailure"/> is its on-failure ARN (null clears it).</summary>
    public bool HasDestinationConfig { get; init; }

    public string? OnFailure { get; init; }

    public bool HasOnSuccess { get; init; }

    public int? MaximumRecordAgeInSeconds { get; init; }

    public bool? BisectBatchOnFunctionError { get; init; }

    public int? MaximumRetryAttempts { get; init; }

    public int? TumblingWindowInSeconds { get; init; }

    public IReadOnlyList<string>? FunctionResponseTypes { get; init; }

    /// <summary>Members of the request that apply to other kinds of event source (Kafka, SQS, MQ, DocumentDB).</summary>
    public IReadOnlyList<string> OtherSourceParameters { get; init; } = [];
}
