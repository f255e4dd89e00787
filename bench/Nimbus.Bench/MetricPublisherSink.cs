using Microsoft.Extensions.DependencyInjection;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.Core.Metering;

namespace Nimbus.Bench;

/// <summary>
/// What Lambda publishes through <see cref="IMetricPublisher"/> at each invocation's start — the account's
/// <c>ConcurrentExecutions</c> and <c>UnreservedConcurrentExecutions</c> — posed as a report sink so the cost
/// benchmark can drive it like the others.
/// </summary>
internal sealed class MetricPublisherSink(IServiceProvider services) : IInvocationReportSink
{
    private readonly IMetricPublisher[] _publishers = services.GetServices<IMetricPublisher>().ToArray();

    public void Publish(FunctionInvocationReport report)
    {
        foreach (var publisher in _publishers)
        {
            publisher.Publish(new PublishedMetric(report.Scope, "AWS/Lambda", "ConcurrentExecutions", [], report.ConcurrentExecutions, "Count", report.Timestamp));
            publisher.Publish(new PublishedMetric(report.Scope, "AWS/Lambda", "UnreservedConcurrentExecutions", [], report.ConcurrentExecutions, "Count", report.Timestamp));
        }
    }

    public Task FlushAsync() => services.GetRequiredService<ServiceMetricsSink>().FlushAsync();
}
