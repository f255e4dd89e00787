using Nimbus.Core;
using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Store;

/// <summary>
/// Durable metric data: buckets of aggregated values per metric, unit and resolution. Writes merge into existing
/// buckets, so the same minute can be published to many times. Implementations must be safe for concurrent use.
/// </summary>
public interface IMetricStore
{
    /// <summary>Merges the writes in one transaction; <paramref name="receivedAt"/> marks the metrics as recently active.</summary>
    void Write(IReadOnlyList<MetricWrite> writes, DateTimeOffset receivedAt);

    /// <summary>The buckets of every resolution whose start lies in [<paramref name="from"/>, <paramref name="to"/>) epoch seconds.</summary>
    IReadOnlyList<StoredBucket> Read(AwsScope scope, MetricIdentity metric, long from, long to, string? unit);

    /// <summary>Several <see cref="Read"/>s of one scope over one connection; the answers in the order of <paramref name="reads"/>.</summary>
    IReadOnlyList<IReadOnlyList<StoredBucket>> ReadMany(AwsScope scope, IReadOnlyList<MetricRead> reads);

    /// <summary>Metrics of a scope, optionally of one namespace/name, that received data at or after <paramref name="activeSince"/>, by id after <paramref name="afterId"/>.</summary>
    IReadOnlyList<ListedMetric> List(AwsScope scope, string? @namespace, string? name, DateTimeOffset activeSince, long afterId, int limit);

    /// <summary>
    /// Aggregates up to <paramref name="batchSize"/> buckets of <paramref name="resolution"/> starting before
    /// <paramref name="before"/> into <paramref name="into"/>-second buckets (or just deletes them when
    /// <paramref name="into"/> is 0), in one transaction. Returns how many buckets it consumed.
    /// </summary>
    int RollUp(int resolution, long before, int into, int batchSize);

    /// <summary>Forgets metrics that have received nothing since <paramref name="before"/> and have no data left.</summary>
    int DeleteIdleMetrics(DateTimeOffset before);
}
