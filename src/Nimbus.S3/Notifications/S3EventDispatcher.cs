using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.S3.Notifications;

/// <summary>
/// Drains the outbox into Lambda's asynchronous queue (<see cref="InvocationKind.Event"/>, the path of
/// <c>InvocationType=Event</c>): an event leaves the outbox only once Lambda accepted it (202, itself durable before
/// answering), so every event is delivered at least once across crashes. Lambda then owns retries of function errors.
/// Acceptance failures (throttles, faults) are retried with backoff; an event for a function that no longer exists is
/// dropped, as S3 drops it. Also sweeps journal rows no request claimed: all of them at start-up, stale ones later.
/// </summary>
internal sealed class S3EventDispatcher : IAsyncDisposable
{
    private const int BatchSize = 64;
    private const int MaxAttempts = 24;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(1);

    private readonly INotificationStore _store;
    private readonly Func<IFunctionInvoker?> _invoker;
    private readonly Func<DateTimeOffset, int> _recoverUnclaimed;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public S3EventDispatcher(INotificationStore store, Func<IFunctionInvoker?> invoker, Func<DateTimeOffset, int> recoverUnclaimed, TimeProvider time, ILogger logger)
    {
        _store = store;
        _invoker = invoker;
        _recoverUnclaimed = recoverUnclaimed;
        _time = time;
        _logger = logger;
        // No request is in flight before the server listens: every journal row left is from before a crash.
        _recoverUnclaimed(DateTimeOffset.MaxValue);
        _loop = Task.Run(RunAsync);
    }

    public void Signal() => _signal.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var lastSweep = _time.GetUtcNow();
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (_time.GetUtcNow() - lastSweep >= SweepInterval)
                {
                    lastSweep = _time.GetUtcNow();
                    _recoverUnclaimed(lastSweep - ClaimGrace);
                }
                var batch = _store.Outbox(BatchSize, _time.GetUtcNow());
                var failed = 0;
                foreach (var e in batch)
                {
                    failed += await DeliverAsync(e, token) ? 0 : 1;
                }
                if (batch.Count == BatchSize && failed == 0)
                {
                    continue;
                }
                // Events held back for a retry become due on their own schedule: look again each second while any wait.
                await WaitAsync(failed > 0 || _store.Outbox(1, DateTimeOffset.MaxValue).Count > 0 ? TimeSpan.FromSeconds(1) : SweepInterval, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                NotificationLog.DispatcherFailed(_logger, exception);
                await WaitAsync(TimeSpan.FromSeconds(1), token);
            }
        }
    }

    /// <summary>True when the event left the outbox (accepted, or dropped for good).</summary>
    private async Task<bool> DeliverAsync(OutboxEvent e, CancellationToken token)
    {
        var invoker = _invoker();
        if (invoker is null)
        {
            return Drop(e, "no Lambda service in this server");
        }
        try
        {
            var invocation = new FunctionInvocation(e.FunctionArn, e.Payload, InvocationKind.Event) { TraceHeader = e.TraceHeader };
            await invoker.InvokeAsync(new AwsScope(e.AccountId, e.Region), invocation, token);
            _store.Delivered(e.Id);
            return true;
        }
        catch (AwsServiceException error) when (error.StatusCode is 404 or 400 or 403)
        {
            return Drop(e, error.Message);
        }
        catch (AwsServiceException error)
        {
            if (e.Attempts + 1 >= MaxAttempts)
            {
                return Drop(e, error.Message);
            }
            // Throttles and faults back off 1 s, 2 s, 4 s … up to 5 minutes per attempt (about 1.5 hours in all).
            _store.Failed(e.Id, e.Attempts + 1, _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, e.Attempts))));
            NotificationLog.Retrying(_logger, e.FunctionArn, e.Attempts + 1, error.Message);
            return false;
        }
    }

    private bool Drop(OutboxEvent e, string reason)
    {
        NotificationLog.Dropped(_logger, e.FunctionArn, e.Attempts + 1, reason);
        _store.Delivered(e.Id);
        return true;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken token)
    {
        using var timer = new CancellationTokenSource(delay, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token, timer.Token);
        try
        {
            await _signal.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            // Timer elapsed: sweep and retry.
        }
    }
}
