namespace Nimbus.CloudWatch.Prometheus;

/// <summary>The labels of a per-function series: <c>function</c> and <c>version</c> (the version that ran).</summary>
internal readonly record struct FunctionSeriesKey(string Function, string Version);
