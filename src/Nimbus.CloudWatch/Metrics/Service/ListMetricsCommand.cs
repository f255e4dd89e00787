using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <param name="DimensionFilters">Name with an optional value: a metric matches if it has every named dimension (with that value when given).</param>
public sealed record ListMetricsCommand(string? Namespace, string? MetricName, IReadOnlyList<(string Name, string? Value)> DimensionFilters, string? RecentlyActive, string? NextToken);
