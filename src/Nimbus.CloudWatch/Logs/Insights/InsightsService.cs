using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Logs.Insights.Language;
using Nimbus.CloudWatch.Logs.Insights.Store;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>
/// CloudWatch Logs Insights: StartQuery parses and checks the query, records it durably, then runs it in the background
/// (Scheduled → Running → Complete, or Cancelled after StopQuery, Failed, Timeout after 60 minutes). Active queries
/// live in memory (their status and statistics move as they run); each ended query is stored with its rows in an
/// <see cref="IQueryStore"/>, so GetQueryResults and DescribeQueries answer after a restart. As on AWS, results are
/// kept 7 days (<see cref="ResultRetention"/>), and at most <see cref="RetainedQueries"/> ended queries. Queries a
/// restart interrupted run again. At most <see cref="MaxConcurrentQueries"/> may be active per account.
/// </summary>
internal sealed partial class InsightsService
{
    /// <summary>AWS: "You can have up to 100 concurrent CloudWatch Logs insights queries" (StartQuery).</summary>
    public const int MaxConcurrentQueries = 100;

    public const int MaxGroups = 50;

    public const int DefaultLimit = 10_000;

    /// <summary>Nimbus's bound on stored ended queries (all accounts), on top of AWS's 7-day retention.</summary>
    public const int RetainedQueries = 10_000;

    /// <summary>AWS: "Query results are available for 7 days."</summary>
    public static readonly TimeSpan ResultRetention = TimeSpan.FromDays(7);

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(60);

    private readonly ILogStore _store;
    private readonly IQueryStore _queryStore;
    private readonly TimeProvider _time;
    private readonly ILogger<InsightsService> _logger;
    private readonly TaskScheduler _scheduler;
    private readonly ConcurrentDictionary<string, InsightsQuery> _queries = new(StringComparer.Ordinal);
    private readonly object _admission = new();

    public InsightsService(ILogStore store, IQueryStore queryStore, TimeProvider time, ILogger<InsightsService> logger)
        : this(store, queryStore, time, logger, TaskScheduler.Default)
    {
    }

    /// <summary>Tests pass a scheduler they release by hand, to see queries while they are Scheduled.</summary>
    internal InsightsService(ILogStore store, IQueryStore queryStore, TimeProvider time, ILogger<InsightsService> logger, TaskScheduler scheduler)
    {
        _store = store;
        _queryStore = queryStore;
        _time = time;
        _logger = logger;
        _scheduler = scheduler;
        Resume();
    }

    public async Task<string> StartAsync(AwsScope scope, StartQueryCommand command, CancellationToken cancellationToken)
    {
        if (command.EndTime < command.StartTime)
        {
            throw LogsErrors.InvalidParameter("End time should not be before the start time.");
        }
        var commands = QueryParser.Parse(command.QueryString);
        foreach (var name in command.GroupNames)
        {
            if (await _store.GetGroupAsync(scope, name, cancellationToken) is null)
            {
                throw InsightsErrors.GroupNotFound(name);
            }
        }
        var query = new InsightsQuery
        {
            Id = Guid.NewGuid().ToString("D"),
            Scope = scope,
            QueryString = command.QueryString,
            Commands = commands,
            GroupNames = command.GroupNames,
            StartMs = command.StartTime * 1000,
            // Both ends are inclusive and given in seconds: the end second includes its last millisecond.
            EndMs = command.EndTime * 1000 + 999,
            Limit = command.Limit ?? DefaultLimit,
            CreateTime = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        lock (_admission)
        {
            if (_queries.Values.Count(q => q.Scope == scope && q.IsActive) >= MaxConcurrentQueries)
            {
                throw InsightsErrors.TooManyQueries(MaxConcurrentQueries);
            }
            _queries[query.Id] = query;
        }
        try
        {
            _queryStore.Add(query.Snapshot(withResults: false));
        }
        catch
        {
            _queries.TryRemove(query.Id, out _);
            throw;
        }
        Schedule(query);
        return query.Id;
    }

    public QueryResultsPage GetResults(AwsScope scope, string queryId, string? nextToken, int? maxItems)
    {
        var offset = 0;
        if (nextToken is not null && !(nextToken.StartsWith("r", StringComparison.Ordinal) && int.TryParse(nextToken.AsSpan(1), out offset)))
        {
            throw LogsErrors.InvalidToken();
        }
        var query = Find(scope, queryId);
        var take = maxItems is > 0 ? maxItems.Value : 10_000;
        var results = query.Results.Skip(offset).Take(take).ToList();
        var next = offset + results.Count < query.Results.Count ? "r" + (offset + results.Count) : null;
        return new QueryResultsPage(query.Status, results, query.RecordsMatched, query.RecordsScanned, query.BytesScanned, query.GroupNames.Count, next);
    }

    /// <summary>StopQuery: true when the query was scheduled or running and is now cancelled.</summary>
    public bool Stop(AwsScope scope, string queryId)
    {
        if (!_queries.TryGetValue(queryId, out var query) || query.Scope != scope)
        {
            _ = _queryStore.Get(scope, queryId) ?? throw InsightsErrors.QueryNotFound(queryId);
            throw InsightsErrors.NotRunning(queryId);
        }
        bool wasScheduled;
        lock (query.Gate)
        {
            if (!query.IsActive)
            {
                throw InsightsErrors.NotRunning(queryId);
            }
            wasScheduled = query.Status == QueryStatus.Scheduled;
            query.Status = QueryStatus.Cancelled;
            query.Results = [];
            query.Cancellation.Cancel();
        }
        // A running query stores its end itself when it notices; one that never started ends here.
        if (wasScheduled)
        {
            End(query);
        }
        return true;
    }

    /// <summary>DescribeQueries: the account's queries, newest first, optionally of one group or one status.</summary>
    public (IReadOnlyList<QueryRecord> Queries, string? NextToken) Describe(AwsScope scope, string? groupName, QueryStatus? status, int? maxResults, string? nextToken)
    {
        var offset = 0;
        if (nextToken is not null && !(nextToken.StartsWith("d", StringComparison.Ordinal) && int.TryParse(nextToken.AsSpan(1), out offset)))
        {
            throw LogsErrors.InvalidToken();
        }
        var take = maxResults ?? 1_000;
        var active = _queries.Values.Where(q => q.Scope == scope).Select(q => q.Snapshot(withResults: false)).Where(q => q.IsActive);
        var ended = status is QueryStatus.Scheduled or QueryStatus.Running ? [] : _queryStore.ListEnded(scope, groupName, status, offset + take + 1);
        var matching = active
            .Where(q => (groupName is null || q.GroupNames.Contains(groupName, StringComparer.Ordinal)) && (status is null || q.Status == status))
            .Concat(ended)
            .OrderByDescending(q => q.CreateTime).ThenBy(q => q.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(offset).Take(take).ToList();
        return (page, offset + page.Count < matching.Count ? "d" + (offset + page.Count) : null);
    }

    /// <summary>The query, live while active, else as stored when it ended.</summary>
    private QueryRecord Find(AwsScope scope, string queryId)
    {
        if (_queries.TryGetValue(queryId, out var active) && active.Scope == scope)
        {
            return active.Snapshot(withResults: true);
        }
        // An active query is stored before it leaves memory, so a miss here means it is unknown (or expired).
        return _queryStore.Get(scope, queryId) ?? throw InsightsErrors.QueryNotFound(queryId);
    }

    private void Schedule(InsightsQuery query) =>
        _ = Task.Factory.StartNew(() => Run(query), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);

    /// <summary>Stores the query's end (trimming what AWS would have forgotten), then drops it from memory.</summary>
    private void End(InsightsQuery query)
    {
        var now = _time.GetUtcNow();
        _queryStore.Finish(query.Snapshot(withResults: true), (now - ResultRetention).ToUnixTimeMilliseconds(), RetainedQueries);
        _queries.TryRemove(query.Id, out _);
    }

    /// <summary>Queries a restart interrupted run again from the start (their scan is repeatable: a fixed time range).</summary>
    private void Resume()
    {
        foreach (var record in _queryStore.ListUnfinished())
        {
            IReadOnlyList<QueryCommand> commands;
            try
            {
                commands = QueryParser.Parse(record.QueryString);
            }
            catch (AwsServiceException)
            {
                // It parsed when started; a language change since then makes it fail rather than vanish.
                _queryStore.Finish(record with { Status = QueryStatus.Failed }, (_time.GetUtcNow() - ResultRetention).ToUnixTimeMilliseconds(), RetainedQueries);
                continue;
            }
            var query = new InsightsQuery
            {
                Id = record.Id,
                Scope = record.Scope,
                QueryString = record.QueryString,
                Commands = commands,
                GroupNames = record.GroupNames,
                StartMs = record.StartMs,
                EndMs = record.EndMs,
                Limit = record.Limit,
                CreateTime = record.CreateTime,
            };
            _queries[query.Id] = query;
            Schedule(query);
        }
    }
}
