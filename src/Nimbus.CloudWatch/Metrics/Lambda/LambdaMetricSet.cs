using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// The metrics Lambda publishes for invocations
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

    /// <summary>Merges one function-minute's figures into the one-minute buckets of every metric they stand for.</summary>
    public static void Accumulate(LambdaSeriesKey key, LambdaInvocationAggregate figures, MetricAccumulator accumulator)
    {
        var into = new Target(key, accumulator);
        foreach (var (dimensions, isExecutedVersion) in DimensionSets(key))
        {
            into.Merge(Namespace, "Throttles", dimensions, figures.Throttles, "Count");
            into.Merge(Namespace, "Invocations", dimensions, figures.Invocations, "Count");
            into.Merge(Namespace, "Errors", dimensions, figures.Errors, "Count");
            into.Merge(Namespace, "Duration", dimensions, figures.Duration, "Milliseconds");
            // The account-wide figure (no dimensions) is Lambda's own count across functions, published by Lambda through
            // IMetricPublisher with UnreservedConcurrentExecutions and the async-event metrics.
            if (!isExecutedVersion && dimensions.Length > 0)
            {
                into.Merge(Namespace, "ConcurrentExecutions", dimensions, figures.ConcurrentExecutions, "Count");
            }
        }
        foreach (var dimensions in new[] { Array.Empty<Dimension>(), [new Dimension("FunctionName", key.FunctionName)] })
        {
            into.Merge(NimbusNamespace, "ColdStarts", dimensions, figures.ColdStarts, "Count");
            into.Merge(NimbusNamespace, "InitDuration", dimensions, figures.InitDuration, "Milliseconds");
        }
    }

    private static IEnumerable<(Dimension[] Dimensions, bool IsExecutedVersion)> DimensionSets(LambdaSeriesKey key)
    {
        var function = new Dimension("FunctionName", key.FunctionName);
        yield return ([], false);
        yield return ([function], false);
        var qualifier = key.Alias ?? (key.ExecutedVersion == "$LATEST" ? null : key.ExecutedVersion);
        if (qualifier is null)
        {
            yield break;
        }
        var resource = new Dimension("Resource", $"{key.FunctionName}:{qualifier}");
        yield return ([function, resource], false);
        if (key.Alias is not null)
        {
            yield return ([function, resource, new Dimension("ExecutedVersion", key.ExecutedVersion)], true);
        }
    }

    private readonly record struct Target(LambdaSeriesKey Key, MetricAccumulator Accumulator)
    {
        /// <summary>A metric none of the invocations gave a value (all throttled, no cold start) gets no datapoint.</summary>
        public void Merge(string @namespace, string name, Dimension[] dimensions, MetricAggregate figures, string unit)
        {
            if (figures.SampleCount > 0)
            {
                Accumulator.Bucket(Key.Scope, new MetricIdentity(@namespace, name, dimensions), MetricResolutions.Minute,
                    DateTimeOffset.FromUnixTimeSeconds(Key.Minute), unit).Merge(figures);
            }
        }
    }
}
