using Nimbus.CloudWatch.Logs.Insights.Engine;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>
/// A query as it is kept: what was asked, its status and statistics, and (once Complete, when read with results) its
/// rows. Active queries produce one from their live state; finished ones are read back from the query store.
/// </summary>
internal sealed record QueryRecord
{
    public required string Id { get; init; }

    public required AwsScope Scope { get; init; }

    public required string QueryString { get; init; }

    public required IReadOnlyList<string> GroupNames { get; init; }

    public required long StartMs { get; init; }

    public required long EndMs { get; init; }

    public required int Limit { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public required long CreateTime { get; init; }

    public required QueryStatus Status { get; init; }

    public long? DurationMs { get; init; }

    public long RecordsMatched { get; init; }

    public long RecordsScanned { get; init; }

    public long BytesScanned { get; init; }

    public IReadOnlyList<IReadOnlyList<ResultField>> Results { get; init; } = [];

    public bool IsActive => Status is QueryStatus.Scheduled or QueryStatus.Running;
}
