namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>One stored period of one metric and unit.</summary>
public sealed record StoredBucket(int Resolution, long Bucket, string Unit, MetricAggregate Aggregate);
