using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Logs;

internal sealed partial class LogsService
{
    /// <summary>
    /// GetLogEvents. Without a token: the newest page (or the oldest with <paramref name="startFromHead"/>).
    /// With one: the page after (<c>f/</c>) or before (<c>b/</c>) it. When there is nothing new the token asked
    /// with comes back unchanged, which is how clients following a stream know to stop.
    /// </summary>
    public async Task<StreamEventsResult> GetEventsAsync(
        AwsScope scope, string groupName, string streamName, long? startTime, long? endTime, string? nextToken, int? limit, bool startFromHead,
        CancellationToken cancellationToken)
    {
        var take = limit ?? LogsLimits.EventsDefaultLimit;
        EventKey? tokenKey = null;
        var forward = startFromHead;
        if (nextToken is not null)
        {
            if (!LogTokens.TryParseStreamToken(nextToken, out var key, out forward))
            {
                throw LogsErrors.InvalidToken();
            }
            tokenKey = key;
        }
        var query = new StreamEventQuery(
            startTime, endTime, forward ? tokenKey : null, forward ? null : tokenKey, forward, take, LogsLimits.MaxResponseBytes);
        var page = await _store.ReadStreamAsync(scope, groupName, streamName, query, cancellationToken)
            ?? throw await NotFoundAsync(scope, groupName, cancellationToken);

        if (page.Events.Count > 0)
        {
            return new StreamEventsResult(page.Events, LogTokens.Forward(page.Events[^1].Key), LogTokens.Backward(page.Events[0].Key));
        }
        var at = tokenKey ?? EventKey.Start;
        return new StreamEventsResult([], LogTokens.Forward(at), LogTokens.Backward(at));
    }

    /// <summary>FilterLogEvents: events of the group's chosen streams, interleaved by time, that match the pattern.</summary>
    public async Task<FilterEventsResult> FilterEventsAsync(
        AwsScope scope, string groupName, IReadOnlyList<string>? streamNames, string? streamNamePrefix, long? startTime, long? endTime,
        string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken)
    {
        if (streamNames is not null && streamNamePrefix is not null)
        {
            throw LogsErrors.InvalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        var pattern = FilterPatternParser.Parse(filterPattern);
        EventKey? after = null;
        if (nextToken is not null)
        {
            after = LogTokens.TryParseFilter(nextToken, out var key) ? key : throw LogsErrors.InvalidToken();
        }
        var query = new GroupEventQuery(
            streamNames, streamNamePrefix, startTime, endTime, pattern, after, limit ?? LogsLimits.EventsDefaultLimit, LogsLimits.MaxResponseBytes);
        var page = await _store.FilterAsync(scope, groupName, query, cancellationToken) ?? throw LogsErrors.GroupNotFound();
        var token = page.HasMore ? LogTokens.Filter(page.Events[^1].Key) : null;
        return new FilterEventsResult(page.Events, page.SearchedStreams, token);
    }

    /// <summary>
    /// PutLogEvents: the batch must be in chronological order, span at most 24 hours and fit in 1 MB; events
    /// too far in the future or past are skipped and reported, the rest stored
    /// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html).
    /// </summary>
    public async Task<PutLogEventsResult> PutEventsAsync(
        AwsScope scope, string groupName, string streamName, IReadOnlyList<LogRecord> events, CancellationToken cancellationToken)
    {
        long bytes = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0 && events[i].TimestampMs < events[i - 1].TimestampMs)
            {
                throw LogsErrors.InvalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
            }
            bytes += LogsLimits.SizeOf(events[i].Message);
        }
        if (events.Count > 0 && events[^1].TimestampMs - events[0].TimestampMs > (long)LogsLimits.MaxBatchSpan.TotalMilliseconds)
        {
            throw LogsErrors.InvalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        if (bytes > LogsLimits.MaxBatchBytes)
        {
            throw LogsErrors.InvalidParameter($"Upload too large: {bytes} bytes exceeds limit of {LogsLimits.MaxBatchBytes}");
        }

        var group = await _store.GetGroupAsync(scope, groupName, cancellationToken) ?? throw LogsErrors.GroupNotFound();
        var now = NowMs;
        var tooOldBefore = now - (long)LogsLimits.TooOld.TotalMilliseconds;
        var tooNewAfter = now + (long)LogsLimits.TooNew.TotalMilliseconds;
        long? expiredBefore = group.RetentionInDays is int days ? now - days * 86_400_000L : null;

        var tooOld = CountWhile(events, e => e.TimestampMs < tooOldBefore);
        var expired = expiredBefore is long cutoff ? CountWhile(events, e => e.TimestampMs < cutoff) : 0;
        var firstAccepted = Math.Max(tooOld, expired);
        var firstTooNew = events.Count;
        while (firstTooNew > firstAccepted && events[firstTooNew - 1].TimestampMs > tooNewAfter)
        {
            firstTooNew--;
        }

        if (firstTooNew > firstAccepted)
        {
            var accepted = events.Skip(firstAccepted).Take(firstTooNew - firstAccepted).ToList();
            var page = LogPage.Of(scope, groupName, streamName, accepted);
            var outcome = await _store.AppendAsync(page, now, createMissing: false, cancellationToken);
            if (outcome != AppendOutcome.Stored)
            {
                throw outcome == AppendOutcome.GroupNotFound ? LogsErrors.GroupNotFound() : LogsErrors.StreamNotFound();
            }
            _counters.Put(accepted.Count, page.TextBytes, events.Count - accepted.Count);
        }
        else
        {
            _counters.Put(0, 0, events.Count);
        }
        var stream = await _store.GetStreamAsync(scope, groupName, streamName, cancellationToken) ?? throw LogsErrors.StreamNotFound();
        return new PutLogEventsResult(
            SequenceToken(stream),
            firstTooNew < events.Count ? firstTooNew : null,
            tooOld > 0 ? tooOld : null,
            expired > 0 ? expired : null);
    }

    /// <summary>Sequence tokens are ignored by AWS since January 2023; Nimbus reports one that grows with the stream.</summary>
    public static string SequenceToken(LogStream stream) => (stream.EventCount + 1).ToString("D56", System.Globalization.CultureInfo.InvariantCulture);

    private static int CountWhile(IReadOnlyList<LogRecord> events, Func<LogRecord, bool> predicate)
    {
        var count = 0;
        while (count < events.Count && predicate(events[count]))
        {
            count++;
        }
        return count;
    }

    private async Task<Nimbus.Core.AwsServiceException> NotFoundAsync(AwsScope scope, string groupName, CancellationToken cancellationToken) =>
        await _store.GetGroupAsync(scope, groupName, cancellationToken) is null ? LogsErrors.GroupNotFound() : LogsErrors.StreamNotFound();
}
