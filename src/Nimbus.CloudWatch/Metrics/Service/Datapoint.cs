using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>One period's values of one unit, from which any statistic is read.</summary>
public sealed record Datapoint(DateTimeOffset Timestamp, string Unit, MetricAggregate Aggregate);
