namespace Nimbus.S3.Notifications;

/// <summary>An event record waiting to be handed to Lambda's asynchronous queue: the destination and the JSON payload.</summary>
internal sealed record OutboxEvent(string AccountId, string Region, string FunctionArn, byte[] Payload)
{
    /// <summary>The outbox row; 0 before it is stored.</summary>
    public long Id { get; init; }

    public int Attempts { get; init; }

    /// <summary>The trace header of the request that caused the event, for Lambda's recursive loop detection.</summary>
    public string? TraceHeader { get; init; }
}
