namespace Nimbus.Execution.Environments;

/// <summary>
/// How the init phase ended: ready (the runtime asked for its first invocation) or failed, with the error document to
/// return (built per request id, since Lambda's platform errors name the invocation that hit them).
/// </summary>
internal sealed record InitResult(bool Ready, double DurationMs)
{
    public InvocationStatus FailureStatus { get; init; } = InvocationStatus.FunctionError;

    public string? ErrorType { get; init; }

    public Func<string, byte[]>? ErrorPayload { get; init; }

    public static InitResult Failed(double durationMs, InvocationStatus status, string errorType, Func<string, byte[]> payload) =>
        new(false, durationMs) { FailureStatus = status, ErrorType = errorType, ErrorPayload = payload };
}
