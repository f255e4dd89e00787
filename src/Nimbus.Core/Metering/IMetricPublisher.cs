namespace Nimbus.Core.Metering;

/// <summary>
/// Where a service publishes CloudWatch metrics of its own — API Gateway's <c>Count</c>/<c>Latency</c>, Lambda's
/// async-event and stream metrics — as AWS publishes them into the <c>AWS/…</c> namespaces (implemented by
/// Nimbus.CloudWatch). Runs on hot paths, so implementations queue and return. Services depend on it optionally:
/// with none registered, nothing is published.
/// </summary>
public interface IMetricPublisher
{
    void Publish(PublishedMetric metric);
}
