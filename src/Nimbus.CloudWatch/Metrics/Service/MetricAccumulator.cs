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
    private readonly Dictionary<(AwsScope, MetricIdentity, int, long, string), MetricAggregate> _buckets = [];
    private readonly AwsScope _defaultScope;
    private readonly RecentBucket?[] _recent = new RecentBucket?[4];
    private int _nextRecent;

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
        foreach (var recent in _recent)
        {
            if (recent is { } hit && ReferenceEquals(hit.Metric, metric) && hit.Bucket == bucket && hit.Resolution == resolution
                && ReferenceEquals(hit.Unit, unit) && ReferenceEquals(hit.Scope.AccountId, scope.AccountId) && ReferenceEquals(hit.Scope.Region, scope.Region))
            {
                return hit.Aggregate;
            }
        }
        var key = (scope, metric, resolution, bucket, unit);
        if (!_buckets.TryGetValue(key, out var aggregate))
        {
            _buckets[key] = aggregate = new MetricAggregate();
        }
        _recent[_nextRecent] = new RecentBucket(scope, metric, resolution, bucket, unit, aggregate);
        _nextRecent = (_nextRecent + 1) % _recent.Length;
        return aggregate;
    }

    public void Clear()
    {
        _buckets.Clear();
        Array.Clear(_recent);
    }

    /// <summary>The accumulated writes; the accumulator is empty afterwards.</summary>
    public IReadOnlyList<MetricWrite> Drain()
    {
        var writes = _buckets.Select(b => new MetricWrite(b.Key.Item1, b.Key.Item2, b.Key.Item3, b.Key.Item4, b.Key.Item5, b.Value)).ToList();
        Clear();
        return writes;
    }

    private readonly record struct RecentBucket(AwsScope Scope, MetricIdentity Metric, int Resolution, long Bucket, string Unit, MetricAggregate Aggregate);
}
