using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Tests.Support;

/// <summary>A metric store that counts its write transactions (each <see cref="Write"/> is one) and passes everything on.</summary>
internal sealed class CountingMetricStore(IMetricStore inner) : IMetricStore
{
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public void Write(IReadOnlyList<MetricWrite> writes, DateTimeOffset receivedAt)
    {
        Interlocked.Increment(ref _writes);
        inner.Write(writes, receivedAt);
    }

    public IReadOnlyList<StoredBucket> Read(AwsScope scope, MetricIdentity metric, long from, long to, string? unit) => inner.Read(scope, metric, from, to, unit);

    public IReadOnlyList<IReadOnlyList<StoredBucket>> ReadMany(AwsScope scope, IReadOnlyList<MetricRead> reads) => inner.ReadMany(scope, reads);

    public IReadOnlyList<ListedMetric> List(AwsScope scope, string? @namespace, string? name, DateTimeOffset activeSince, long afterId, int limit) =>
        inner.List(scope, @namespace, name, activeSince, afterId, limit);

    public int RollUp(int resolution, long before, int into, int batchSize) => inner.RollUp(resolution, before, into, batchSize);

    public int DeleteIdleMetrics(DateTimeOffset before) => inner.DeleteIdleMetrics(before);
}
