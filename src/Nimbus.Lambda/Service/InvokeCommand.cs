using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.Lambda.Service;

/// <summary>One Invoke as the service sees it (no HTTP): who, which function and qualifier, the payload and how.</summary>
internal sealed record InvokeCommand(AwsScope Scope, string FunctionName, string? Qualifier, ReadOnlyMemory<byte> Payload, InvocationKind Kind)
{
    public string RequestId { get; init; } = RequestIds.NewRequestId();

    public bool WantLogTail { get; init; }

    /// <summary>Decoded client context JSON.</summary>
    public string? ClientContext { get; init; }

    /// <summary>The caller's <c>X-Amzn-Trace-Id</c> (a function's SDK sends its own): the chain recursive loop detection follows.</summary>
    public string? TraceHeader { get; init; }
}
