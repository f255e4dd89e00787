using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core;
using Nimbus.Core.Queues;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>
/// Aggregates values in memory per stored bucket before one store write, so a call (or a second of Lambda
/// invocations) touches each bucket row once however many values it carries.
/// </summary>
public sealed class MetricAccumulator : IPacedBuffer
{
    private readonly Dictionary<BucketKey, MetricAggregate> _buckets = [];
    private readonly AwsScope _defaultScope;
    private readonly RecentlyUsed<BucketKey, MetricAggregate> _recent = new(SameByReference);

    public MetricAccumulator(AwsScope defaultScope)
    {
        _defaultScope = defaultScope;
    }

    public int Count => _buckets.Count;

    public MetricAggregate Bucket(MetricIdentity metric, int resolution, DateTimeOffset timestamp, string unit) =>
        Bucket(_defaultScope, metric, resolution, timestamp, unit);

    public MetricAggregate Bucket(AwsScope scope, MetricIdentity metric, int resolution, DateTimeOffset timestamp, string unit)
    {
        var bucket = MetricResolutions.BucketOf(timestamp, resolution);
        // Lambda publishes its account-wide concurrency (two metrics) on every invoke with the same identity, scope and
        // unit objects: found by reference among the last buckets used, without hashing the scope's and unit's strings.
        var key = new BucketKey(scope, metric, resolution, bucket, unit);
        if (_recent.TryGet(key, out var aggregate))
        {
            return aggregate;
        }
        if (!_buckets.TryGetValue(key, out aggregate))
        {
            _buckets[key] = aggregate = new MetricAggregate();
        }
        _recent.Remember(key, aggregate);
        return aggregate;
    }

    public void Clear()
    {
        _buckets.Clear();
        _recent.Clear();
    }

    /// <summary>The accumulated writes; the accumulator is empty afterwards.</summary>
    public IReadOnlyList<MetricWrite> Drain()
    {
        var writes = _buckets.Select(b => new MetricWrite(b.Key.Scope, b.Key.Metric, b.Key.Resolution, b.Key.Bucket, b.Key.Unit, b.Value)).ToList();
        Clear();
        return writes;
    }

    private static bool SameByReference(BucketKey a, BucketKey b) =>
        ReferenceEquals(a.Metric, b.Metric) && a.Bucket == b.Bucket && a.Resolution == b.Resolution && ReferenceEquals(a.Unit, b.Unit)
        && ReferenceEquals(a.Scope.AccountId, b.Scope.AccountId) && ReferenceEquals(a.Scope.Region, b.Scope.Region);

    private readonly record struct BucketKey(AwsScope Scope, MetricIdentity Metric, int Resolution, long Bucket, string Unit);
}
