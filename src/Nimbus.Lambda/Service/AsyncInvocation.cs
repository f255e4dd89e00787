using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>An event accepted with 202, waiting in the asynchronous queue.</summary>
internal sealed record AsyncInvocation(AwsScope Scope, string FunctionName, string? Qualifier, ReadOnlyMemory<byte> Payload, string RequestId)
{
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Attempts after a function error (AWS retries twice by default).</summary>
    public int FunctionErrorRetries { get; init; }

    public int ThrottleRetries { get; init; }
}
