using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Store;

/// <summary>One metric's buckets in [<paramref name="From"/>, <paramref name="To"/>) epoch seconds, of one unit or (null) all.</summary>
public sealed record MetricRead(MetricIdentity Metric, long From, long To, string? Unit);
