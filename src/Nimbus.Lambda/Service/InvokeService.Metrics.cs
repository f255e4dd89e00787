using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.Lambda.Service;

/// <summary>
/// The <c>AWS/Lambda</c> metrics that are not about one invocation's run, published through <see cref="IMetricPublisher"/>
/// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html): the account's
/// <c>ConcurrentExecutions</c> and <c>UnreservedConcurrentExecutions</c> at each start, and the asynchronous-event
/// metrics <c>AsyncEventsReceived</c> (queued), <c>AsyncEventAge</c> (queued → attempt), <c>AsyncEventsDropped</c> (given
/// up, whether or not a destination got it) and <c>DestinationDeliveryFailures</c>, by account, function and
/// <c>Resource</c> (<c>name:qualifier</c>). Invocation-level metrics come from the invocation reports.
/// </summary>
internal sealed partial class InvokeService
{
    private const string Namespace = "AWS/Lambda";

    private void PublishConcurrency(AwsScope scope, DateTimeOffset at)
    {
        if (_metrics.Length == 0)
        {
            return;
        }
        PublishMetric(new PublishedMetric(scope, Namespace, "ConcurrentExecutions", [], _functions.Governor.InFlight(scope), "Count", at));
        PublishMetric(new PublishedMetric(scope, Namespace, "UnreservedConcurrentExecutions", [], _functions.Governor.UnreservedInFlight(scope), "Count", at));
    }

    private void PublishAsyncMetric(AsyncInvocation invocation, string name, double value, string unit)
    {
        if (_metrics.Length == 0)
        {
            return;
        }
        var at = _time.GetUtcNow();
        var function = KeyValuePair.Create("FunctionName", invocation.FunctionName);
        PublishMetric(new PublishedMetric(invocation.Scope, Namespace, name, [], value, unit, at));
        PublishMetric(new PublishedMetric(invocation.Scope, Namespace, name, [function], value, unit, at));
        if (invocation.Qualifier is { } qualifier && qualifier != "$LATEST")
        {
            PublishMetric(new PublishedMetric(invocation.Scope, Namespace, name,
                [function, KeyValuePair.Create("Resource", $"{invocation.FunctionName}:{qualifier}")], value, unit, at));
        }
    }

    private void PublishMetric(PublishedMetric metric)
    {
        foreach (var publisher in _metrics)
        {
            try
            {
                publisher.Publish(metric);
            }
            catch (Exception exception)
            {
                LambdaLog.ReportSinkFailed(_logger, exception, publisher.GetType().Name);
            }
        }
    }
}
