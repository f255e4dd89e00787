using Microsoft.Extensions.Logging;
using Nimbus.Core;

namespace Nimbus.Lambda.Service;

internal sealed partial class InvokeService
{
    private async Task DrainAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var invocation in _queue.Reader.ReadAllAsync(token))
            {
                await RunQueuedAsync(invocation, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunQueuedAsync(AsyncInvocation invocation, CancellationToken token)
    {
        var done = true;
        try
        {
            var entry = _functions.Find(invocation.Scope, invocation.FunctionName);
            if (entry is null)
            {
                LambdaLog.AsyncFailed(_logger, invocation.RequestId, invocation.FunctionName, "function deleted");
                return;
            }
            var version = PickVersion(entry, invocation.Qualifier);
            var outcome = await RunAsync(entry, version, invocation.Qualifier, invocation.Payload, invocation.RequestId, null, false, token);
            if (outcome.IsFunctionError && invocation.FunctionErrorRetries < FunctionErrorDelays.Length)
            {
                done = false;
                Retry(invocation with { FunctionErrorRetries = invocation.FunctionErrorRetries + 1 }, FunctionErrorDelays[invocation.FunctionErrorRetries]);
            }
            else if (outcome.IsFunctionError)
            {
                LambdaLog.AsyncFailed(_logger, invocation.RequestId, invocation.FunctionName, "function error after retries");
            }
        }
        catch (AwsServiceException error) when (error.StatusCode is 429 or >= 500)
        {
            // Throttles and system errors are retried with backoff (1 s doubling, at most 5 minutes) until the event is too old.
            var delay = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(invocation.ThrottleRetries, 9))));
            if (_time.GetUtcNow() + delay - invocation.EnqueuedAt < MaximumEventAge)
            {
                done = false;
                Retry(invocation with { ThrottleRetries = invocation.ThrottleRetries + 1 }, delay);
            }
            else
            {
                LambdaLog.AsyncFailed(_logger, invocation.RequestId, invocation.FunctionName, "maximum event age exceeded");
            }
        }
        catch (AwsServiceException error)
        {
            LambdaLog.AsyncFailed(_logger, invocation.RequestId, invocation.FunctionName, error.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            done = false; // shutting down mid-run: the stored event runs again after the restart
            throw;
        }
        catch (Exception exception)
        {
            LambdaLog.AsyncCrashed(_logger, exception, invocation.RequestId, invocation.FunctionName);
        }
        finally
        {
            if (done)
            {
                _events.Remove(invocation.RequestId);
                Interlocked.Decrement(ref _pendingAsync);
            }
        }
    }

    private void Retry(AsyncInvocation invocation, TimeSpan delay) => _ = Task.Run(async () =>
    {
        _events.Update(invocation);
        try
        {
            await Task.Delay(delay, _time, _stopping.Token);
            _queue.Writer.TryWrite(invocation);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    });
}
