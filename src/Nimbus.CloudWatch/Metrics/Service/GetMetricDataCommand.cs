namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record GetMetricDataCommand(
    IReadOnlyList<MetricDataQueryInput> Queries,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    string? NextToken,
    string? ScanBy,
    int? MaxDatapoints);
