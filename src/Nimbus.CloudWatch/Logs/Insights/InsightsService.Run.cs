using System.Text.RegularExpressions;
using Nimbus.CloudWatch.Logs.Insights.Engine;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights;

internal sealed partial class InsightsService
{
    /// <summary>Runs one query to its end on a pool thread (the store read is synchronous SQLite).</summary>
    private void Run(InsightsQuery query)
    {
        lock (query.Gate)
        {
            if (query.Status != QueryStatus.Scheduled)
            {
                return;
            }
            query.Status = QueryStatus.Running;
        }
        var started = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(QueryTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(query.Cancellation.Token, timeout.Token);
        QueryStatus outcome;
        IReadOnlyList<IReadOnlyList<ResultField>> results = [];
        try
        {
            var events = _store.Scan(query.Scope, query.GroupNames, query.StartMs, query.EndMs, linked.Token);
            results = QueryPipeline.Run(query.Commands, events, query.Scope, query.Limit, query.Counters);
            outcome = QueryStatus.Complete;
        }
        catch (OperationCanceledException)
        {
            outcome = timeout.IsCancellationRequested ? QueryStatus.Timeout : QueryStatus.Cancelled;
        }
        catch (RegexMatchTimeoutException exception)
        {
            LogMessages.QueryFailed(_logger, exception, query.Id);
            outcome = QueryStatus.Failed;
        }
        catch (Exception exception)
        {
            LogMessages.QueryFailed(_logger, exception, query.Id);
            outcome = QueryStatus.Failed;
        }
        lock (query.Gate)
        {
            query.DurationMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            // StopQuery may have won the race: a cancelled query stays cancelled.
            if (query.Status == QueryStatus.Running)
            {
                query.Status = outcome;
                query.Results = outcome == QueryStatus.Complete ? results : [];
            }
        }
        try
        {
            End(query);
        }
        catch (Exception exception)
        {
            // Kept in memory, so its caller still sees the outcome; only a restart would lose it.
            LogMessages.QueryFailed(_logger, exception, query.Id);
        }
        LogMessages.QueryEnded(_logger, query.Id, query.Status.ToString(), query.Counters.RecordsScanned);
    }

    /// <summary>GetLogRecord: every field of the event <paramref name="pointer"/> names; times as epoch milliseconds.</summary>
    public async Task<Dictionary<string, string>> GetLogRecordAsync(AwsScope scope, string pointer, CancellationToken cancellationToken)
    {
        if (!LogRecordPointer.TryParse(pointer, out var groupName, out var eventId))
        {
            throw InsightsErrors.InvalidPointer();
        }
        var scanned = await _store.GetEventAsync(scope, groupName, eventId, cancellationToken)
            ?? throw new AwsServiceException("ResourceNotFoundException", 400, "The specified log record does not exist.");
        var record = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in FieldDiscovery.Discover(scope, scanned))
        {
            record[name] = value is InsightsTimestamp time
                ? time.Milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : QueryValues.ToText(value) ?? "";
        }
        return record;
    }
}
