using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>One statistic of one metric over [<paramref name="StartTime"/>, <paramref name="EndTime"/>) in periods, as a MetricStat query asks it.</summary>
public sealed record StatisticSeriesRequest(MetricIdentity Metric, string? Unit, string Stat, int Period, DateTimeOffset StartTime, DateTimeOffset EndTime);
