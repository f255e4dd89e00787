using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Publishing;

/// <summary>One value for one metric at one time, ready to be merged into its one-minute bucket.</summary>
public readonly record struct MetricSample(AwsScope Scope, MetricIdentity Metric, double Value, string Unit, DateTimeOffset Timestamp);
