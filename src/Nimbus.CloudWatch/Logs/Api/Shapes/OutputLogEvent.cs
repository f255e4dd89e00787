namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>An event of a GetLogEvents response.</summary>
internal sealed class OutputLogEvent
{
    public long Timestamp { get; init; }

    public required string Message { get; init; }

    public long IngestionTime { get; init; }
}
