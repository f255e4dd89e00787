using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// Turns Lambda's invocation reports into <c>AWS/Lambda</c> metrics (see <see cref="LambdaMetricSet"/>).
/// <see cref="Publish"/> runs on the invoke path: it adds the report's figures to its function-minute's sums, so no
/// report is kept, and the metric identities are built once per function-minute and commit rather than a dozen
/// times per invoke.
/// </summary>
public sealed class LambdaMetricsSink : BufferedMetricWriter<LambdaSeriesBuffer>, IInvocationReportSink
{
    public LambdaMetricsSink(IMetricStore store, TimeProvider time, ILogger<LambdaMetricsSink> logger)
        : base(store, time, logger, () => new LambdaSeriesBuffer())
    {
    }

    public void Publish(FunctionInvocationReport report) =>
        Add((KeyOf(report), report), static (series, item) => series.Add(item.Item1, item.Item2), static item => $"an invocation of {item.Item2.FunctionName}");

    /// <summary>Stores reports at once, summed as the writer sums them (tests).</summary>
    internal void Store(IEnumerable<FunctionInvocationReport> reports)
    {
        var series = new LambdaSeriesBuffer();
        foreach (var report in reports)
        {
            series.Add(KeyOf(report), report);
        }
        Store(series);
    }

    protected override IReadOnlyList<MetricWrite> Writes(LambdaSeriesBuffer buffer)
    {
        var accumulator = new MetricAccumulator(AwsScope.Default);
        foreach (var (key, figures) in buffer.Series)
        {
            LambdaMetricSet.Accumulate(key, figures, accumulator);
        }
        return accumulator.Drain();
    }

    private static LambdaSeriesKey KeyOf(FunctionInvocationReport report) =>
        new(report.Scope, report.FunctionName, report.ExecutedVersion, report.Alias, MetricResolutions.BucketOf(report.Timestamp, MetricResolutions.Minute));
}
