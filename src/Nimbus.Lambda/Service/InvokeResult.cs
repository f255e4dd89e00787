namespace Nimbus.Lambda.Service;

/// <summary>What Invoke answers: 200 with the function's response (or error document), 202 queued, 204 dry run.</summary>
internal sealed record InvokeResult(int StatusCode, ReadOnlyMemory<byte> Payload, string ExecutedVersion)
{
    /// <summary><c>Unhandled</c> when the function failed.</summary>
    public string? FunctionError { get; init; }

    /// <summary>The plain-text log tail, when asked for.</summary>
    public string? LogTail { get; init; }
}
