using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights.Store;

/// <summary>
/// Logs Insights queries and their results, durable, so GetQueryResults and DescribeQueries answer after a restart.
/// Bounded: AWS keeps results for 7 days; <see cref="Finish"/> also forgets the oldest ended queries beyond a count.
/// </summary>
internal interface IQueryStore
{
    /// <summary>Records a query as StartQuery accepts it (Scheduled).</summary>
    void Add(QueryRecord query);

    /// <summary>
    /// Stores the query's end (status, duration, statistics, rows) and, in the same transaction, forgets queries
    /// created before <paramref name="createdBefore"/> (epoch ms) and ended ones beyond the newest <paramref name="keep"/>.
    /// </summary>
    void Finish(QueryRecord query, long createdBefore, int keep);

    /// <summary>The query with its rows; null when unknown (or of another scope).</summary>
    QueryRecord? Get(AwsScope scope, string queryId);

    /// <summary>Ended queries of the scope, newest first, without rows; optionally of one group or one status.</summary>
    IReadOnlyList<QueryRecord> ListEnded(AwsScope scope, string? groupName, QueryStatus? status, int limit);

    /// <summary>Queries that were Scheduled or Running when the server stopped (they run again at start-up).</summary>
    IReadOnlyList<QueryRecord> ListUnfinished();
}
