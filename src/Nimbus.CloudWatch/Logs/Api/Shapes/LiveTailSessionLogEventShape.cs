namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>One event of a session update.</summary>
internal sealed class LiveTailSessionLogEventShape
{
    public required string LogStreamName { get; init; }

    public required string LogGroupIdentifier { get; init; }

    public required string Message { get; init; }

    public long Timestamp { get; init; }

    public long IngestionTime { get; init; }
}
