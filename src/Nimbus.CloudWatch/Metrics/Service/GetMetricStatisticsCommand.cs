using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record GetMetricStatisticsCommand(
    MetricIdentity Metric,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int Period,
    IReadOnlyList<string> Statistics,
    IReadOnlyList<string> ExtendedStatistics,
    string? Unit);
