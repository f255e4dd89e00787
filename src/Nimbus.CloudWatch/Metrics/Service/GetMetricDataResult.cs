namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record GetMetricDataResult(IReadOnlyList<MetricDataResultOutput> Results, string? NextToken);
