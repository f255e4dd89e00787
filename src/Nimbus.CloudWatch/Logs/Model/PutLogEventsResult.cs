namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>PutLogEvents' answer: the indexes of events rejected for their age, as AWS's <c>rejectedLogEventsInfo</c>.</summary>
internal sealed record PutLogEventsResult(string NextSequenceToken, int? TooNewLogEventStartIndex, int? TooOldLogEventEndIndex, int? ExpiredLogEventEndIndex)
{
    public bool AnyRejected => TooNewLogEventStartIndex is not null || TooOldLogEventEndIndex is not null || ExpiredLogEventEndIndex is not null;
}
