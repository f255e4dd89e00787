using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// Turns Lambda's invocation reports into <c>AWS/Lambda</c> metrics (see <see cref="LambdaMetricSet"/>).
/// <see cref="Publish"/> runs on the invoke path: it adds the report's figures to its function-minute's sums, so no
/// report is kept, and the metric identities are built once per function-minute and commit rather than a dozen
/// times per invoke. The sums are stored by the <see cref="MetricsWriter"/> every published metric shares.
/// </summary>
public sealed class LambdaMetricsSink : MetricsWriterSink, IInvocationReportSink
{
    public LambdaMetricsSink(MetricsWriter writer)
        : base(writer)
    {
    }

    /// <summary>A sink with a writer of its own, stopped when the sink is disposed (tests).</summary>
    internal LambdaMetricsSink(IMetricStore store, TimeProvider time, ILogger<LambdaMetricsSink> logger)
        : base(store, time, logger)
    {
    }

    public void Publish(FunctionInvocationReport report) =>
        Writer.Add((KeyOf(report), report), static (buffers, item) => buffers.Lambda.Add(item.Item1, item.Item2), static item => $"an invocation of {item.Item2.FunctionName}");

    /// <summary>Stores reports at once, summed as the writer sums them (tests).</summary>
    internal void Store(IEnumerable<FunctionInvocationReport> reports)
    {
        var buffers = new MetricBuffers();
        foreach (var report in reports)
        {
            buffers.Lambda.Add(KeyOf(report), report);
        }
        Writer.Store(buffers);
    }

    private static LambdaSeriesKey KeyOf(FunctionInvocationReport report) =>
        new(report.Scope, report.FunctionName, report.ExecutedVersion, report.Alias, MetricResolutions.BucketOf(report.Timestamp, MetricResolutions.Minute));
}
