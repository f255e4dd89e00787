using Nimbus.CloudWatch.Logs.Insights.Engine;
using Nimbus.CloudWatch.Logs.Insights.Language;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>
/// One started query: what was asked, its status (moved under <see cref="Gate"/>), its live statistics and, once
/// complete, its results.
/// </summary>
internal sealed class InsightsQuery
{
    public required string Id { get; init; }

    public required AwsScope Scope { get; init; }

    public required string QueryString { get; init; }

    public required IReadOnlyList<QueryCommand> Commands { get; init; }

    public required IReadOnlyList<string> GroupNames { get; init; }

    public required long StartMs { get; init; }

    public required long EndMs { get; init; }

    public required int Limit { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public required long CreateTime { get; init; }

    public object Gate { get; } = new();

    public CancellationTokenSource Cancellation { get; } = new();

    public QueryCounters Counters { get; } = new();

    public QueryStatus Status { get; set; } = QueryStatus.Scheduled;

    public IReadOnlyList<IReadOnlyList<ResultField>> Results { get; set; } = [];

    /// <summary>Milliseconds from start of running to the end, once ended.</summary>
    public long? DurationMs { get; set; }

    public bool IsActive => Status is QueryStatus.Scheduled or QueryStatus.Running;

    /// <summary>The query's state now (under <see cref="Gate"/>), with its rows when asked.</summary>
    public QueryRecord Snapshot(bool withResults)
    {
        lock (Gate)
        {
            return new QueryRecord
            {
                Id = Id,
                Scope = Scope,
                QueryString = QueryString,
                GroupNames = GroupNames,
                StartMs = StartMs,
                EndMs = EndMs,
                Limit = Limit,
                CreateTime = CreateTime,
                Status = Status,
                DurationMs = DurationMs,
                RecordsMatched = Counters.RecordsMatched,
                RecordsScanned = Counters.RecordsScanned,
                BytesScanned = Counters.BytesScanned,
                Results = withResults ? Results : [],
            };
        }
    }
}
