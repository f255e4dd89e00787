using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Logs.Insights.Language;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>
/// CloudWatch Logs Insights: StartQuery parses and checks the query, then runs it in the background
/// (Scheduled → Running → Complete, or Cancelled after StopQuery, Failed, Timeout after 60 minutes). Queries and
/// their results live in memory: AWS keeps them for a while (7 days), Nimbus keeps the latest
/// <see cref="RetainedQueries"/> finished ones. At most <see cref="MaxConcurrentQueries"/> may be active per account.
/// </summary>
internal sealed partial class InsightsService
{
    /// <summary>AWS: "You can have up to 100 concurrent CloudWatch Logs insights queries" (StartQuery).</summary>
    public const int MaxConcurrentQueries = 100;

    public const int MaxGroups = 50;

    public const int DefaultLimit = 10_000;

    public const int RetainedQueries = 1_000;

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(60);

    private readonly ILogStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<InsightsService> _logger;
    private readonly TaskScheduler _scheduler;
    private readonly ConcurrentDictionary<string, InsightsQuery> _queries = new(StringComparer.Ordinal);
    private readonly object _admission = new();

    public InsightsService(ILogStore store, TimeProvider time, ILogger<InsightsService> logger)
        : this(store, time, logger, TaskScheduler.Default)
    {
    }

    /// <summary>Tests pass a scheduler they release by hand, to see queries while they are Scheduled.</summary>
    internal InsightsService(ILogStore store, TimeProvider time, ILogger<InsightsService> logger, TaskScheduler scheduler)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _scheduler = scheduler;
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
        Evict();
        _ = Task.Factory.StartNew(() => Run(query), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);
        return query.Id;
    }

    public QueryResultsPage GetResults(AwsScope scope, string queryId, string? nextToken, int? maxItems)
    {
        var query = Find(scope, queryId);
        lock (query.Gate)
        {
            var offset = 0;
            if (nextToken is not null && !(nextToken.StartsWith("r", StringComparison.Ordinal) && int.TryParse(nextToken.AsSpan(1), out offset)))
            {
                throw LogsErrors.InvalidToken();
            }
            var take = maxItems is > 0 ? maxItems.Value : 10_000;
            var results = query.Results.Skip(offset).Take(take).ToList();
            var next = offset + results.Count < query.Results.Count ? "r" + (offset + results.Count) : null;
            var counters = query.Counters;
            return new QueryResultsPage(query.Status, results, counters.RecordsMatched, counters.RecordsScanned, counters.BytesScanned, query.GroupNames.Count, next);
        }
    }

    /// <summary>StopQuery: true when the query was scheduled or running and is now cancelled.</summary>
    public bool Stop(AwsScope scope, string queryId)
    {
        var query = Find(scope, queryId);
        lock (query.Gate)
        {
            if (!query.IsActive)
            {
                throw InsightsErrors.NotRunning(queryId);
            }
            query.Status = QueryStatus.Cancelled;
            query.Results = [];
            query.Cancellation.Cancel();
            return true;
        }
    }

    /// <summary>DescribeQueries: the account's queries, newest first, optionally of one group or one status.</summary>
    public (IReadOnlyList<InsightsQuery> Queries, string? NextToken) Describe(AwsScope scope, string? groupName, QueryStatus? status, int? maxResults, string? nextToken)
    {
        var offset = 0;
        if (nextToken is not null && !(nextToken.StartsWith("d", StringComparison.Ordinal) && int.TryParse(nextToken.AsSpan(1), out offset)))
        {
            throw LogsErrors.InvalidToken();
        }
        var matching = _queries.Values
            .Where(q => q.Scope == scope && (groupName is null || q.GroupNames.Contains(groupName, StringComparer.Ordinal)) && (status is null || q.Status == status))
            .OrderByDescending(q => q.CreateTime).ThenBy(q => q.Id, StringComparer.Ordinal)
            .ToList();
        var take = maxResults ?? 1_000;
        var page = matching.Skip(offset).Take(take).ToList();
        return (page, offset + page.Count < matching.Count ? "d" + (offset + page.Count) : null);
    }

    private InsightsQuery Find(AwsScope scope, string queryId) =>
        _queries.TryGetValue(queryId, out var query) && query.Scope == scope ? query : throw InsightsErrors.QueryNotFound(queryId);

    /// <summary>Forgets the oldest finished queries beyond <see cref="RetainedQueries"/>.</summary>
    private void Evict()
    {
        var finished = _queries.Values.Where(q => !q.IsActive).ToList();
        if (finished.Count <= RetainedQueries)
        {
            return;
        }
        foreach (var old in finished.OrderBy(q => q.CreateTime).Take(finished.Count - RetainedQueries))
        {
            _queries.TryRemove(old.Id, out _);
        }
    }
}
