using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>
/// An event accepted with 202, waiting in the asynchronous queue. Everything a restart needs to resume it is here
/// (and in the store): attempts made, when the next one is due, and the last response for the destination record.
/// </summary>
internal sealed record AsyncInvocation(AwsScope Scope, string FunctionName, string? Qualifier, ReadOnlyMemory<byte> Payload, string RequestId)
{
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Retries after a function error so far (AWS retries twice by default).</summary>
    public int FunctionErrorRetries { get; init; }

    public int ThrottleRetries { get; init; }

    /// <summary>Attempts made so far, throttled ones included: the destination record's <c>approximateInvokeCount</c>.</summary>
    public int Attempts { get; init; }

    /// <summary>When a scheduled retry is due; null when the event can run now.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The function's last response (or error document), for an on-failure record after the retries.</summary>
    public byte[]? LastResponse { get; init; }

    /// <summary><c>Unhandled</c> when the last attempt failed in the function.</summary>
    public string? LastFunctionError { get; init; }

    public string? LastExecutedVersion { get; init; }

    /// <summary>The trace header the event arrived with: every attempt continues the same chain (recursive loop detection).</summary>
    public string? TraceHeader { get; init; }
}
