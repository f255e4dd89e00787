using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// Stores the metrics other services publish (<see cref="IMetricPublisher"/>) as CloudWatch metrics: each value is
/// added to its metric's one-minute bucket as it is published, and the buckets are written together.
/// </summary>
public sealed class ServiceMetricsSink : BufferedMetricWriter<MetricAccumulator>, IMetricPublisher
{
    public ServiceMetricsSink(IMetricStore store, TimeProvider time, ILogger<ServiceMetricsSink> logger)
        : base(store, time, logger, () => new MetricAccumulator(AwsScope.Default))
    {
    }

    /// <summary>
    /// Identities of the metrics published without dimensions (Lambda's account-wide concurrency, on every invoke):
    /// built once rather than per value. Few and fixed: one per metric name a service publishes.
    /// </summary>
    private readonly ConcurrentDictionary<(string Namespace, string Name), MetricIdentity> _undimensioned = new();

    public void Publish(PublishedMetric metric)
    {
        // The identity (sorted dimensions, canonical key) is built before taking the writer's lock.
        var identity = metric.Dimensions.Count == 0
            ? _undimensioned.GetOrAdd((metric.Namespace, metric.Name), static key => new MetricIdentity(key.Namespace, key.Name, []))
            : new MetricIdentity(metric.Namespace, metric.Name, metric.Dimensions.Select(d => new Dimension(d.Key, d.Value)));
        Add((metric, identity), static (buckets, item) =>
            buckets.Bucket(item.metric.Scope, item.identity, MetricResolutions.Minute, item.metric.Timestamp, item.metric.Unit).Add(item.metric.Value),
            static item => $"{item.metric.Namespace} {item.metric.Name}");
    }

    protected override IReadOnlyList<MetricWrite> Writes(MetricAccumulator buffer) => buffer.Drain();
}
