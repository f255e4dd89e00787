using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// The metrics Lambda publishes for one invocation report
/// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html), in namespace <c>AWS/Lambda</c>
/// with the dimension sets AWS uses: none (account aggregate), <c>FunctionName</c>, <c>FunctionName+Resource</c>
/// (<c>name:alias</c> or <c>name:version</c> when invoked through a qualifier) and, for aliases,
/// <c>FunctionName+Resource+ExecutedVersion</c>. Plus Nimbus's own cold-start metrics in <c>Nimbus/Lambda</c>
/// (<c>ColdStarts</c>, <c>InitDuration</c>, by account and function).
/// </summary>
internal static class LambdaMetricSet
{
    public const string Namespace = "AWS/Lambda";
    public const string NimbusNamespace = "Nimbus/Lambda";

    public static IEnumerable<(MetricIdentity Metric, double Value, string Unit)> For(FunctionInvocationReport report)
    {
        var sets = DimensionSets(report).ToList();
        foreach (var (dimensions, isExecutedVersion) in sets)
        {
            yield return (new MetricIdentity(Namespace, "Throttles", dimensions), report.IsThrottle ? 1 : 0, "Count");
            if (report.IsThrottle)
            {
                continue;
            }
            yield return (new MetricIdentity(Namespace, "Invocations", dimensions), 1, "Count");
            yield return (new MetricIdentity(Namespace, "Errors", dimensions), report.IsError ? 1 : 0, "Count");
            yield return (new MetricIdentity(Namespace, "Duration", dimensions), report.DurationMs, "Milliseconds");
            // The account-wide figure (no dimensions) is Lambda's own count across functions, published by Lambda through
            // IMetricPublisher with UnreservedConcurrentExecutions and the async-event metrics.
            if (!isExecutedVersion && dimensions.Length > 0)
            {
                yield return (new MetricIdentity(Namespace, "ConcurrentExecutions", dimensions), Math.Max(1, report.ConcurrentExecutions), "Count");
            }
        }
        if (report.IsThrottle)
        {
            yield break;
        }
        foreach (var dimensions in new[] { Array.Empty<Dimension>(), [new Dimension("FunctionName", report.FunctionName)] })
        {
            yield return (new MetricIdentity(NimbusNamespace, "ColdStarts", dimensions), report.InitDurationMs is null ? 0 : 1, "Count");
            if (report.InitDurationMs is { } init)
            {
                yield return (new MetricIdentity(NimbusNamespace, "InitDuration", dimensions), init, "Milliseconds");
            }
        }
    }

    private static IEnumerable<(Dimension[] Dimensions, bool IsExecutedVersion)> DimensionSets(FunctionInvocationReport report)
    {
        var function = new Dimension("FunctionName", report.FunctionName);
        yield return ([], false);
        yield return ([function], false);
        var qualifier = report.Alias ?? (report.ExecutedVersion == "$LATEST" ? null : report.ExecutedVersion);
        if (qualifier is null)
        {
            yield break;
        }
        var resource = new Dimension("Resource", $"{report.FunctionName}:{qualifier}");
        yield return ([function, resource], false);
        if (report.Alias is not null)
        {
            yield return ([function, resource, new Dimension("ExecutedVersion", report.ExecutedVersion)], true);
        }
    }
}
