using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record ListMetricsResult(IReadOnlyList<MetricIdentity> Metrics, string? NextToken);
