using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>The invocations whose figures are summed before they become metrics: one function, version and alias in one minute.</summary>
internal readonly record struct LambdaSeriesKey(AwsScope Scope, string FunctionName, string ExecutedVersion, string? Alias, long Minute);
