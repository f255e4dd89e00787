namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>One <c>MetricDataQuery</c>: a metric statistic or a math expression over other queries.</summary>
public sealed record MetricDataQueryInput(string Path, string? Id, MetricStatInput? MetricStat, string? Expression, string? Label, bool ReturnData, int? Period);
