using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// Turns Lambda's invocation reports into <c>AWS/Lambda</c> metrics (see <see cref="LambdaMetricSet"/>);
/// <see cref="Publish"/> runs on the invoke path and only enqueues. A batch's reports are first summed per
/// function-minute, so the metric identities are built once per batch rather than a dozen times per invoke.
/// </summary>
public sealed class LambdaMetricsSink : QueuedMetricWriter<FunctionInvocationReport>, IInvocationReportSink
{
    public LambdaMetricsSink(IMetricStore store, TimeProvider time, ILogger<LambdaMetricsSink> logger)
        : base(store, time, logger)
    {
    }

    public void Publish(FunctionInvocationReport report) => Enqueue(report);

    protected override void Accumulate(IReadOnlyList<FunctionInvocationReport> items, MetricAccumulator accumulator)
    {
        var series = new Dictionary<LambdaSeriesKey, LambdaInvocationAggregate>();
        foreach (var report in items)
        {
            var key = new LambdaSeriesKey(report.Scope, report.FunctionName, report.ExecutedVersion, report.Alias,
                MetricResolutions.BucketOf(report.Timestamp, MetricResolutions.Minute));
            if (!series.TryGetValue(key, out var figures))
            {
                series[key] = figures = new LambdaInvocationAggregate();
            }
            figures.Add(report);
        }
        foreach (var (key, figures) in series)
        {
            LambdaMetricSet.Accumulate(key, figures, accumulator);
        }
    }

    protected override string Describe(FunctionInvocationReport item) => $"an invocation of {item.FunctionName}";
}
