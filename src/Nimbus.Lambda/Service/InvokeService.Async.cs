using Nimbus.Core;
using Nimbus.Execution;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>
/// The asynchronous worker, as AWS describes it (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html):
/// a function error is retried <c>MaximumRetryAttempts</c> times (default 2, about 1 then 2 minutes apart); throttles and
/// system errors are retried with backoff until the event is <c>MaximumEventAgeInSeconds</c> old (default 6 hours); then
/// the on-failure destination gets the record. Success goes to the on-success destination.
/// </summary>
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
            var config = LambdaService.EventInvokeConfigFor(entry, invocation.Qualifier);
            var maximumAge = config?.MaximumEventAgeInSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultMaximumEventAge;
            if (_time.GetUtcNow() - invocation.EnqueuedAt > maximumAge)
            {
                Finish(entry, config, invocation, DestinationRecord.EventAgeExceeded);
                return;
            }
            done = await AttemptAsync(entry, config, invocation with { Attempts = invocation.Attempts + 1, NextAttemptAt = null }, maximumAge, token);
        }
        catch (AwsServiceException error)
        {
            // The qualifier no longer resolves (version or alias deleted): nothing can run it any more.
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

    /// <summary>One attempt; returns false when a retry was scheduled (the event stays in the store).</summary>
    private async Task<bool> AttemptAsync(FunctionEntry entry, EventInvokeConfig? config, AsyncInvocation attempt, TimeSpan maximumAge,
        CancellationToken token)
    {
        var version = PickVersion(entry, attempt.Qualifier);
        // Every attempt continues the chain the event arrived with (a retry is not a new link of it).
        if (ContinueLineage(entry, attempt.RequestId, attempt.TraceHeader) is not { } trace)
        {
            Finish(entry, config, attempt, DestinationRecord.RecursiveInvocationDetected);
            return true;
        }
        PublishAsyncMetric(attempt, "AsyncEventAge", (_time.GetUtcNow() - attempt.EnqueuedAt).TotalMilliseconds, "Milliseconds");
        InvocationOutcome outcome;
        try
        {
            outcome = await RunAsync(entry, version, attempt.Qualifier, attempt.Payload, attempt.RequestId, null, false, isAsync: true, trace, token);
        }
        catch (AwsServiceException error) when (error.StatusCode is 429 or >= 500)
        {
            // Throttles and system errors: backoff doubling from the base delay up to the maximum, while the event is young enough.
            var delay = TimeSpan.FromTicks(Math.Min(_options.ThrottleRetryMaxDelay.Ticks,
                _options.ThrottleRetryBaseDelay.Ticks * (1L << Math.Min(attempt.ThrottleRetries, 20))));
            if (_time.GetUtcNow() + delay - attempt.EnqueuedAt < maximumAge)
            {
                Schedule(attempt with { ThrottleRetries = attempt.ThrottleRetries + 1 }, delay);
                return false;
            }
            Finish(entry, config, attempt, DestinationRecord.EventAgeExceeded);
            return true;
        }

        var ran = attempt with
        {
            LastResponse = outcome.Payload.ToArray(),
            LastFunctionError = outcome.IsFunctionError ? "Unhandled" : null,
            LastExecutedVersion = version.Config.Version,
        };
        if (!outcome.IsFunctionError)
        {
            Finish(entry, config, ran, DestinationRecord.Success, trace);
            return true;
        }
        var maximumRetries = config?.MaximumRetryAttempts ?? 2;
        if (ran.FunctionErrorRetries < maximumRetries)
        {
            var delays = _options.FunctionErrorRetryDelays;
            var delay = delays.Count == 0 ? TimeSpan.Zero : delays[Math.Min(ran.FunctionErrorRetries, delays.Count - 1)];
            Schedule(ran with { FunctionErrorRetries = ran.FunctionErrorRetries + 1 }, delay);
            return false;
        }
        LambdaLog.AsyncFailed(_logger, ran.RequestId, ran.FunctionName, "function error after retries");
        Finish(entry, config, ran, DestinationRecord.RetriesExhausted, trace);
        return true;
    }

    /// <summary>Persists the retry (counters, due time, last response) before arming its timer, so a restart resumes it.</summary>
    private void Schedule(AsyncInvocation invocation, TimeSpan delay)
    {
        var next = invocation with { NextAttemptAt = _time.GetUtcNow() + delay };
        _events.Update(next);
        WaitAndRequeue(next);
    }

    private void WaitAndRequeue(AsyncInvocation invocation) => _ = Task.Run(async () =>
    {
        try
        {
            var remaining = invocation.NextAttemptAt!.Value - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                var wait = Task.Delay(remaining, _time, _stopping.Token);
                Interlocked.Increment(ref _waitingRetries);
                try
                {
                    await wait;
                }
                finally
                {
                    Interlocked.Decrement(ref _waitingRetries);
                }
            }
            _queue.Writer.TryWrite(invocation);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the stored retry is armed again at the next start.
        }
    });
}
