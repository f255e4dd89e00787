using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record MetricStatisticsResult(string Label, IReadOnlyList<Datapoint> Datapoints, IReadOnlyList<Statistic> Statistics, IReadOnlyList<Statistic> ExtendedStatistics);
