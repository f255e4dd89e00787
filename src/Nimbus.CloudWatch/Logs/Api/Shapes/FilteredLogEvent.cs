namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>An event of a FilterLogEvents response.</summary>
internal sealed class FilteredLogEvent
{
    public required string LogStreamName { get; init; }

    public long Timestamp { get; init; }

    public required string Message { get; init; }

    public long IngestionTime { get; init; }

    public required string EventId { get; init; }
}
