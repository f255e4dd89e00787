using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record MetricStatInput(MetricIdentity Metric, int? Period, string? Stat, string? Unit);
