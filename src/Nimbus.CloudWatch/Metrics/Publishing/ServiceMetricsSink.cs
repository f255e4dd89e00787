using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>Stores the metrics other services publish (<see cref="IMetricPublisher"/>) as CloudWatch metrics.</summary>
public sealed class ServiceMetricsSink : QueuedMetricWriter<PublishedMetric>, IMetricPublisher
{
    public ServiceMetricsSink(IMetricStore store, TimeProvider time, ILogger<ServiceMetricsSink> logger)
        : base(store, time, logger)
    {
    }

    public void Publish(PublishedMetric metric) => Enqueue(metric);

    protected override void Accumulate(IReadOnlyList<PublishedMetric> items, MetricAccumulator accumulator)
    {
        foreach (var item in items)
        {
            var identity = new MetricIdentity(item.Namespace, item.Name, item.Dimensions.Select(d => new Dimension(d.Key, d.Value)));
            accumulator.Bucket(item.Scope, identity, MetricResolutions.Minute, item.Timestamp, item.Unit).Add(item.Value);
        }
    }

    protected override string Describe(PublishedMetric item) => $"{item.Namespace} {item.Name}";
}
