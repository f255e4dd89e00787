namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>A metric as the store lists it: a stable id (for pagination) and its identity.</summary>
public sealed record ListedMetric(long Id, MetricIdentity Metric);
