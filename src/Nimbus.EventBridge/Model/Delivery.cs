using Nimbus.Core;

namespace Nimbus.EventBridge.Model;

/// <summary>
/// One event on its way to one target: stored (the outbox) before it is acknowledged or its tick is recorded, handed
/// to the function invoker by the delivery worker, retried per the target's retry policy.
/// </summary>
internal sealed record Delivery
{
    public long Id { get; init; }

    public required AwsScope Scope { get; init; }

    /// <summary>The function ARN (or name) to invoke.</summary>
    public required string FunctionArn { get; init; }

    public required string Payload { get; init; }

    /// <summary>The rule or schedule ARN, for logs.</summary>
    public required string Source { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public int Attempts { get; init; }

    public required int MaximumRetryAttempts { get; init; }

    public required int MaximumEventAgeInSeconds { get; init; }

    public string? DeadLetterArn { get; init; }

    /// <summary>The scheduler key of the rule or schedule that produced it; its firing is recorded under this key.</summary>
    public string? FiringKey { get; init; }

    /// <summary>The recorded firing this delivery reports its outcome to (set by the store).</summary>
    public long? FiringId { get; init; }

    /// <summary>Produced by "run now" rather than by a tick or an event.</summary>
    public bool RunNow { get; init; }
}
