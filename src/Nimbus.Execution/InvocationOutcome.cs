namespace Nimbus.Execution;

/// <summary>How an invocation ended, with the figures of its REPORT line.</summary>
public sealed record InvocationOutcome
{
    public required InvocationStatus Status { get; init; }

    /// <summary>The function's response, or the error document (<c>errorMessage</c>, <c>errorType</c>, <c>stackTrace</c>).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The last 4 KB of the invocation's log when asked for (plain text; the caller base64-encodes it).</summary>
    public string? LogTail { get; init; }

    public double DurationMs { get; init; }

    public long BilledDurationMs { get; init; }

    public int MemorySizeMb { get; init; }

    public int MaxMemoryUsedMb { get; init; }

    /// <summary>Set on cold starts.</summary>
    public double? InitDurationMs { get; init; }

    public bool IsFunctionError => Status != InvocationStatus.Success;
}

public enum InvocationStatus
{
    Success,

    /// <summary>The runtime posted to <c>/error</c> (or its init failed): <c>X-Amz-Function-Error: Unhandled</c>.</summary>
    FunctionError,

    /// <summary><c>Task timed out after N.NN seconds</c>; the environment was killed.</summary>
    Timeout,

    /// <summary>The runtime process exited or was killed mid-invoke (<c>Runtime.ExitError</c>).</summary>
    RuntimeExited,
}
