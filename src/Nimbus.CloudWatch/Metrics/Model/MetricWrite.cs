using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>Values to merge into one stored bucket: a metric's period of <paramref name="Resolution"/> seconds starting at <paramref name="Bucket"/> (epoch seconds).</summary>
public sealed record MetricWrite(AwsScope Scope, MetricIdentity Metric, int Resolution, long Bucket, string Unit, MetricAggregate Aggregate);
