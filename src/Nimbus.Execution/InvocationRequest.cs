namespace Nimbus.Execution;

/// <summary>One invocation as the Runtime API delivers it.</summary>
public sealed record InvocationRequest
{
    public required string RequestId { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The ARN the caller used, with its qualifier (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</summary>
    public required string InvokedFunctionArn { get; init; }

    /// <summary>Decoded <c>X-Amz-Client-Context</c> JSON, passed on as <c>Lambda-Runtime-Client-Context</c>.</summary>
    public string? ClientContext { get; init; }

    public string? CognitoIdentity { get; init; }

    public string? TraceId { get; init; }

    /// <summary>True when the caller asked for <c>LogType=Tail</c>: the outcome then carries the log tail.</summary>
    public bool WantLogTail { get; init; }
}
