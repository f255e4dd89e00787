namespace Nimbus.EventBridge.Firing;

/// <summary>
/// Wakes a background loop early (a new schedule is due sooner, a delivery was queued) without a timer per item:
/// the loop waits for its next due time or this signal, whichever comes first.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _source = NewSource();

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    /// <summary>Waits until <paramref name="until"/> (null: indefinitely) on <paramref name="time"/>'s clock, or until <see cref="Set"/>.</summary>
    public async Task WaitAsync(TimeProvider time, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var source = Volatile.Read(ref _source);
        var delay = until is { } due ? due - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        if (until is not null && delay <= TimeSpan.Zero)
        {
            Interlocked.CompareExchange(ref _source, NewSource(), source);
            return;
        }
        // Long waits are cut into hours so a clock that jumps (suspend/resume) is re-read at least that often.
        if (delay == Timeout.InfiniteTimeSpan || delay > TimeSpan.FromHours(1))
        {
            delay = TimeSpan.FromHours(1);
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, cancel.Token);
        await Task.WhenAny(timer, source.Task.WaitAsync(cancellationToken));
        cancel.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.CompareExchange(ref _source, NewSource(), source);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
