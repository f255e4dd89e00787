using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Firing;

/// <summary>
/// Hands queued deliveries to Lambda's asynchronous invoke (<see cref="IFunctionInvoker"/> with
/// <see cref="InvocationKind.Event"/>), which is durable and retries function errors itself. What EventBridge retries
/// is getting the event accepted: throttles and service errors are retried with exponential back-off until the
/// target's <c>MaximumRetryAttempts</c> (default 185) or <c>MaximumEventAgeInSeconds</c> (default 86,400) runs out;
/// a missing function is not retried. A delivery that gives up would go to the dead-letter queue; Nimbus has no SQS
/// yet, so it is logged and dropped.
/// </summary>
internal sealed partial class DeliveryWorker : BackgroundService
{
    private const int Batch = 64;

    private readonly IEventBridgeStore _store;
    private readonly IFunctionInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryWorker> _logger;
    private readonly WakeSignal _wake = new();
    private readonly SemaphoreSlim _draining = new(1, 1);

    public DeliveryWorker(IEventBridgeStore store, IFunctionInvoker invoker, TimeProvider time, ILogger<DeliveryWorker> logger)
    {
        _store = store;
        _invoker = invoker;
        _time = time;
        _logger = logger;
    }

    public void Signal() => _wake.Set();

    /// <summary>Delivers everything due now; returns how many were handed over. Tests call this after advancing a fake clock.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        await _draining.WaitAsync(cancellationToken);
        try
        {
            var delivered = 0;
            while (true)
            {
                var due = _store.DueDeliveries(_time.GetUtcNow(), Batch);
                if (due.Count == 0)
                {
                    return delivered;
                }
                var finished = new List<DeliveryOutcome>(due.Count);
                try
                {
                    foreach (var delivery in due)
                    {
                        var outcome = await DeliverAsync(delivery, cancellationToken);
                        if (outcome?.Outcome == FiringOutcome.Succeeded)
                        {
                            delivered++;
                        }
                        if (outcome is not null)
                        {
                            finished.Add(outcome);
                        }
                    }
                }
                finally
                {
                    // One transaction per batch: an event handed over just before a crash may be handed over again (at least once).
                    _store.CompleteDeliveries(finished);
                }
            }
        }
        finally
        {
            _draining.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                await _wake.WaitAsync(_time, _store.NextDeliveryTime(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogWorkerFailed(_logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken);
            }
        }
    }

    /// <summary>Hands one delivery over; returns its final outcome, or null when it was put back for a retry.</summary>
    private async Task<DeliveryOutcome?> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await _invoker.InvokeAsync(delivery.Scope,
                new FunctionInvocation(delivery.FunctionArn, Encoding.UTF8.GetBytes(delivery.Payload), InvocationKind.Event), cancellationToken);
            return new DeliveryOutcome(delivery.Id, delivery.FiringId, FiringOutcome.Succeeded, null, delivery.Attempts, _time.GetUtcNow());
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryable = exception is not AwsServiceException { StatusCode: >= 400 and < 500 and not 429 };
            var attempts = delivery.Attempts + 1;
            var now = _time.GetUtcNow();
            var age = now - delivery.CreatedAt;
            var error = exception is AwsServiceException aws ? $"{aws.ErrorCode}: {aws.Message}" : exception.Message;
            if (retryable && attempts <= delivery.MaximumRetryAttempts && age < TimeSpan.FromSeconds(delivery.MaximumEventAgeInSeconds))
            {
                var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 9))));
                LogRetry(_logger, delivery.Source, delivery.FunctionArn, attempts, backoff, exception.Message);
                _store.RetryDelivery(delivery.Id, attempts, now + backoff, error);
                return null;
            }
            LogGaveUp(_logger, delivery.Source, delivery.FunctionArn, attempts, delivery.DeadLetterArn ?? "(none)", exception.Message);
            return new DeliveryOutcome(delivery.Id, delivery.FiringId, FiringOutcome.Failed, error, attempts, now);
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning,
        Message = "Delivery from {Source} to {Function} failed (attempt {Attempt}), retrying in {Backoff}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string source, string function, int attempt, TimeSpan backoff, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error,
        Message = "Delivery from {Source} to {Function} dropped after {Attempts} attempts (dead-letter queue {DeadLetter} is not delivered by Nimbus): {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string source, string function, int attempts, string deadLetter, string reason);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Error, Message = "The EventBridge delivery worker failed; it restarts in a second")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
