using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
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

    protected override IEnumerable<MetricSample> Samples(PublishedMetric item)
    {
        var identity = new MetricIdentity(item.Namespace, item.Name, item.Dimensions.Select(d => new Dimension(d.Key, d.Value)));
        yield return new MetricSample(item.Scope, identity, item.Value, item.Unit, item.Timestamp);
    }

    protected override string Describe(PublishedMetric item) => $"{item.Namespace} {item.Name}";
}
