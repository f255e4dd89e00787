using System.Diagnostics;

namespace Nimbus.Core.Queues;

/// <summary>
/// Two buffers and one background writer that commits at most once per <see cref="PacedBatchOptions.Interval"/>.
/// Producers sit on hot paths (every invoke publishes a report and log lines): <see cref="TryAdd"/> takes a short lock,
/// adds to the filling buffer and never waits for storage. The writer swaps the buffers and stores the full one while
/// producers fill the other. It commits what arrives after a quiet spell at once, so a lone request is stored without
/// delay; under load it waits out the rest of the interval and commits everything that came meanwhile together.
/// Without the pause every item woke the writer and cost a transaction and an fsync of its own, which on a small
/// machine took more CPU from the invokes than the invokes themselves (bench/run observability).
/// <see cref="FlushAsync"/> cuts the pause short; a buffer holding <see cref="PacedBatchOptions.MaxBatch"/> entries
/// is written without waiting; one holding <see cref="PacedBatchOptions.Capacity"/> refuses more.
/// </summary>
/// <typeparam name="TBuffer">What producers fill: queued items, or sums per key.</typeparam>
public sealed class PacedWriter<TBuffer> : IAsyncDisposable where TBuffer : class, IPacedBuffer
{
    private readonly object _gate = new();
    private readonly PacedBatchOptions _options;
    private readonly Func<TBuffer, Task> _write;
    private readonly Action<Exception, int> _onWriteFailed;
    private readonly TaskCompletionSource _loopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TBuffer _filling;
    private TBuffer _draining;
    private TaskCompletionSource _batchDone = NewSignal();
    private WriterState _state = WriterState.Writing;
    private bool _flushRequested;
    private bool _stopping;
    private long _added;
    private long _written;
    private long _commits;
    private long _dropped;

    /// <param name="options">Capacity, the size that is written without waiting, and pace.</param>
    /// <param name="newBuffer">Makes an empty buffer (called twice: one fills while the other is written).</param>
    /// <param name="write">Stores one buffer; runs on the writer's own thread, one call at a time.</param>
    /// <param name="onWriteFailed">Told of a buffer <paramref name="write"/> failed on (its entries are lost) and how many additions it held.</param>
    public PacedWriter(PacedBatchOptions options, Func<TBuffer> newBuffer, Func<TBuffer, Task> write, Action<Exception, int> onWriteFailed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        _options = options;
        _write = write;
        _onWriteFailed = onWriteFailed;
        _filling = newBuffer();
        _draining = newBuffer();
        // Started at construction, not with the host, so that what is added before the host starts is not stranded.
        // A thread of its own: stores write synchronously (SQLite, fsync), and a pool thread blocked in an fsync is one
        // fewer for the invokes on a two-core machine, where the pool has two until it slowly grows (p99 spikes).
        new Thread(Run) { IsBackground = true, Name = "paced-writer " + typeof(TBuffer).Name }.Start();
    }

    private enum WriterState
    {
        /// <summary>Waiting for the first addition after a quiet spell: the next one wakes it.</summary>
        Idle,

        /// <summary>Waiting out the interval: only a full buffer, a flush or stopping wakes it.</summary>
        Pacing,

        /// <summary>Storing the other buffer.</summary>
        Writing,
    }

    /// <summary>Additions accepted so far.</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Additions handed to storage so far (stored, or lost to a failed write).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Buffers handed to storage so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Additions refused because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True once <see cref="StopAsync"/> (or disposal) began: later additions are refused.</summary>
    public bool IsStopping => Volatile.Read(ref _stopping);

    /// <summary>
    /// Runs <paramref name="add"/> on the filling buffer under the writer's lock (keep it short: a list add, a
    /// dictionary hit). False when the buffer is full (counted in <see cref="Dropped"/>) or the writer is stopping.
    /// </summary>
    public bool TryAdd<TState>(TState state, Action<TBuffer, TState> add)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }
            if (_filling.Count >= _options.Capacity)
            {
                _dropped++;
                return false;
            }
            add(_filling, state);
            _added++;
            if (_state == WriterState.Idle || (_state == WriterState.Pacing && _filling.Count >= _options.MaxBatch))
            {
                Monitor.Pulse(_gate);
            }
            return true;
        }
    }

    /// <summary>Completes once everything added before the call has been handed to storage.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Added;
        while (true)
        {
            Task done;
            lock (_gate)
            {
                // Stopped: nothing added will be written any more.
                if (_written >= target || _loopDone.Task.IsCompleted)
                {
                    return;
                }
                done = _batchDone.Task;
                _flushRequested = true;
                Monitor.Pulse(_gate);
            }
            await Task.WhenAny(done, _loopDone.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses new additions and writes everything already added.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }
        return _loopDone.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Run()
    {
        try
        {
            Loop();
        }
        finally
        {
            _loopDone.TrySetResult();
        }
    }

    private void Loop()
    {
        var lastCommit = Stopwatch.GetTimestamp() - (long)(_options.Interval.TotalSeconds * Stopwatch.Frequency) - 1;
        while (true)
        {
            long target;
            lock (_gate)
            {
                while (_filling.Count == 0 && !_stopping)
                {
                    _state = WriterState.Idle;
                    Monitor.Wait(_gate);
                }
                if (_filling.Count == 0)
                {
                    return;
                }
                Pace(lastCommit);
                _flushRequested = false;
                (_filling, _draining) = (_draining, _filling);
                target = _added;
                _state = WriterState.Writing;
            }
            try
            {
                _write(_draining).GetAwaiter().GetResult();
            }
            catch (Exception exception)
            {
                _onWriteFailed(exception, (int)(target - Written));
            }
            _draining.Clear();
            lastCommit = Stopwatch.GetTimestamp();
            TaskCompletionSource done;
            lock (_gate)
            {
                _written = target;
                _commits++;
                done = _batchDone;
                _batchDone = NewSignal();
            }
            done.TrySetResult();
        }
    }

    /// <summary>
    /// Waits (holding the lock's turn, released while waiting) for the rest of the interval since the last commit,
    /// unless the buffer is full, a flush was asked for or the writer is stopping. Real time on purpose (not the
    /// host's TimeProvider): this is pacing, and a test's frozen clock must not hold writes back.
    /// </summary>
    private void Pace(long lastCommit)
    {
        _state = WriterState.Pacing;
        while (!_stopping && !_flushRequested && _filling.Count < _options.MaxBatch)
        {
            var remaining = _options.Interval - Stopwatch.GetElapsedTime(lastCommit);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }
            Monitor.Wait(_gate, remaining);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
