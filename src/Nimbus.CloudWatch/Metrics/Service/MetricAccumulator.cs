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

    public MetricAccumulator(AwsScope defaultScope)
    {
        _defaultScope = defaultScope;
    }

    public int Count => _buckets.Count;

    public MetricAggregate Bucket(MetricIdentity metric, int resolution, DateTimeOffset timestamp, string unit) =>
        Bucket(_defaultScope, metric, resolution, timestamp, unit);

    public MetricAggregate Bucket(AwsScope scope, MetricIdentity metric, int resolution, DateTimeOffset timestamp, string unit)
    {
        var key = (scope, metric, resolution, MetricResolutions.BucketOf(timestamp, resolution), unit);
        if (!_buckets.TryGetValue(key, out var aggregate))
        {
            _buckets[key] = aggregate = new MetricAggregate();
        }
        return aggregate;
    }

    public void Clear() => _buckets.Clear();

    /// <summary>The accumulated writes; the accumulator is empty afterwards.</summary>
    public IReadOnlyList<MetricWrite> Drain()
    {
        var writes = _buckets.Select(b => new MetricWrite(b.Key.Item1, b.Key.Item2, b.Key.Item3, b.Key.Item4, b.Key.Item5, b.Value)).ToList();
        _buckets.Clear();
        return writes;
    }
}
