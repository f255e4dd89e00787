using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// Turns Lambda's invocation reports into <c>AWS/Lambda</c> metrics (see <see cref="LambdaMetricSet"/>);
/// <see cref="Publish"/> runs on the invoke path and only enqueues.
/// </summary>
public sealed class LambdaMetricsSink : QueuedMetricWriter<FunctionInvocationReport>, IInvocationReportSink
{
    public LambdaMetricsSink(IMetricStore store, TimeProvider time, ILogger<LambdaMetricsSink> logger)
        : base(store, time, logger)
    {
    }

    public void Publish(FunctionInvocationReport report) => Enqueue(report);

    protected override IEnumerable<MetricSample> Samples(FunctionInvocationReport item) =>
        LambdaMetricSet.For(item).Select(m => new MetricSample(item.Scope, m.Metric, m.Value, m.Unit, item.Timestamp));

    protected override string Describe(FunctionInvocationReport item) => $"an invocation of {item.FunctionName}";
}
