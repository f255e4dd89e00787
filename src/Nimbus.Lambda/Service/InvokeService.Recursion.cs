using Nimbus.Core.Invocation;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Recursive loop detection (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html): each invocation
/// hands the function a trace header whose lineage counts how often this chain of requests has invoked it; the
/// function's SDK sends that header on with its own requests (S3 writes, Lambda invokes), S3 notifications, retries
/// and destinations carry it, so a loop sees the count grow. Past <see cref="LambdaOptions.RecursionLimit"/> the next
/// invocation is stopped unless the function's recursion config is <c>Allow</c>: an event goes to the on-failure
/// destination, a synchronous invoke gets <c>RecursiveInvocationException</c>.
/// </summary>
internal sealed partial class InvokeService
{
    public const string AllowRecursion = "Allow";

    /// <summary>The trace header to run the function with, or null when the loop must stop here.</summary>
    private string? ContinueLineage(FunctionEntry entry, string requestId, string? incoming)
    {
        var count = TraceLineage.LineageCount(incoming, entry.LineageHash) + 1;
        if (count > _options.RecursionLimit && entry.Snapshot.Document.RecursiveLoop != AllowRecursion)
        {
            LambdaLog.RecursionStopped(_logger, requestId, entry.Name, count - 1);
            return null;
        }
        return TraceLineage.Continue(incoming, entry.LineageHash, count, _time.GetUtcNow());
    }
}
