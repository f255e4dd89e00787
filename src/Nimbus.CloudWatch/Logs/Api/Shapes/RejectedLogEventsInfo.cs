namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>Indexes of events PutLogEvents skipped for their age.</summary>
internal sealed class RejectedLogEventsInfo
{
    public int? TooNewLogEventStartIndex { get; init; }

    public int? TooOldLogEventEndIndex { get; init; }

    public int? ExpiredLogEventEndIndex { get; init; }
}
