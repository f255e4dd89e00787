using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>
/// On-success and on-failure destinations. A Lambda destination gets the invocation record as an asynchronous
/// event through the same durable queue (stored before the source event is removed: at-least-once). SQS, SNS,
/// EventBridge and S3 destinations are accepted by the API but not delivered until Nimbus has those services.
/// </summary>
internal sealed partial class InvokeService
{
    /// <param name="traceHeader">The trace the function ran with: a destination invocation is the next link of its chain.</param>
    private void Finish(FunctionEntry entry, EventInvokeConfig? config, AsyncInvocation invocation, string condition, string? traceHeader = null)
    {
        if (condition != DestinationRecord.Success)
        {
            LambdaLog.AsyncFailed(_logger, invocation.RequestId, invocation.FunctionName, condition);
            PublishAsyncMetric(invocation, "AsyncEventsDropped", 1, "Count");
        }
        var destination = condition == DestinationRecord.Success ? config?.OnSuccess : config?.OnFailure;
        if (destination is null)
        {
            return;
        }
        var target = LambdaDestination.Parse(destination);
        if (target is null)
        {
            LambdaLog.DestinationNotDelivered(_logger, invocation.RequestId, invocation.FunctionName, condition, destination);
            PublishAsyncMetric(invocation, "DestinationDeliveryFailures", 1, "Count");
            return;
        }
        if (_functions.Find(target.Value.Scope, target.Value.Name) is null)
        {
            LambdaLog.DestinationMissing(_logger, invocation.RequestId, invocation.FunctionName, condition, destination);
            PublishAsyncMetric(invocation, "DestinationDeliveryFailures", 1, "Count");
            return;
        }
        var now = _time.GetUtcNow();
        var functionArn = LambdaService.FunctionArn(entry.Scope, entry.Name, invocation.Qualifier ?? "$LATEST");
        var record = DestinationRecord.Build(invocation, functionArn, condition, now, invocation.LastResponse, invocation.LastExecutedVersion is not null,
            invocation.LastExecutedVersion, invocation.LastFunctionError);
        Enqueue(new AsyncInvocation(target.Value.Scope, target.Value.Name, target.Value.Qualifier, record, Core.RequestIds.NewRequestId())
        {
            EnqueuedAt = now,
            TraceHeader = traceHeader ?? invocation.TraceHeader,
        });
    }
}
