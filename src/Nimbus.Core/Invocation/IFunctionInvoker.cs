namespace Nimbus.Core.Invocation;

/// <summary>
/// The seam other services use to run a function (S3 notifications, schedules, API Gateway, stream mappings).
/// Implemented by Nimbus.Lambda; callers never reach into Lambda's internals.
/// </summary>
public interface IFunctionInvoker
{
    /// <summary>
    /// Invokes a function by name, ARN or partial ARN, optionally qualified (<c>name:alias</c>).
    /// Asynchronous invocations return once the event is accepted.
    /// </summary>
    Task<FunctionInvocationResult> InvokeAsync(AwsScope scope, FunctionInvocation invocation, CancellationToken cancellationToken);
}

public enum InvocationKind
{
    RequestResponse,
    Event,
    DryRun,
}

public sealed record FunctionInvocation(string FunctionName, ReadOnlyMemory<byte> Payload, InvocationKind Kind)
{
    public string? Qualifier { get; init; }

    /// <summary>
    /// The <c>X-Amzn-Trace-Id</c> of the request that caused this invocation (e.g. a function's own S3 write), so that
    /// Lambda can follow the chain and stop recursive loops (<see cref="TraceLineage"/>); null when there was none.
    /// </summary>
    public string? TraceHeader { get; init; }
}

public sealed record FunctionInvocationResult(int StatusCode, ReadOnlyMemory<byte> Payload)
{
    /// <summary><c>Unhandled</c> when the function failed, as in the <c>X-Amz-Function-Error</c> header; otherwise null.</summary>
    public string? FunctionError { get; init; }

    public string? ExecutedVersion { get; init; }
}
