using Nimbus.CloudWatch.Prometheus;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>
/// The <see cref="IMetricPublisher"/> other services see: each value goes to CloudWatch's store (queued) and to the
/// Prometheus gauges that mirror published metrics (an in-memory update).
/// </summary>
internal sealed class CloudWatchMetricPublisher : IMetricPublisher
{
    private readonly ServiceMetricsSink _store;
    private readonly PrometheusIteratorAges _iteratorAges;

    public CloudWatchMetricPublisher(ServiceMetricsSink store, PrometheusIteratorAges iteratorAges)
    {
        _store = store;
        _iteratorAges = iteratorAges;
    }

    public void Publish(PublishedMetric metric)
    {
        _store.Publish(metric);
        _iteratorAges.Observe(metric);
    }
}
