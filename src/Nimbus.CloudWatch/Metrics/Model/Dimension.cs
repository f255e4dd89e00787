namespace Nimbus.CloudWatch.Metrics.Model;

/// <summary>A name/value pair that is part of a metric's identity.</summary>
public sealed record Dimension(string Name, string Value);
