using System.Diagnostics;
using System.Threading.Channels;

namespace Nimbus.Core.Queues;

/// <summary>
/// A bounded queue drained by one background writer that commits at most once per <see cref="PacedBatchOptions.Interval"/>.
/// Producers sit on hot paths (every invoke publishes a report and log lines): <see cref="TryEnqueue"/> never blocks
/// and never waits for storage. The writer commits an item that arrives after a quiet spell at once, so a lone
/// request is stored without delay; under load it waits out the rest of the interval and commits everything that
/// came meanwhile in one transaction. Without the pause every item woke the writer and cost a transaction and an
/// fsync of its own, which on a small machine took more CPU from the invokes than the invokes themselves
/// (bench/run observability). <see cref="FlushAsync"/> cuts the pause short.
/// </summary>
/// <typeparam name="T">One queued item: an invocation report, a batch of log lines, a usage increment.</typeparam>
public sealed class PacedBatchWriter<T> : IAsyncDisposable
{
    private readonly Channel<T> _queue;
    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly Action<Exception, int> _onWriteFailed;
    private readonly PacedBatchOptions _options;
    private readonly TaskCompletionSource _loopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _flushRequested = NewSignal();
    private TaskCompletionSource _batchDone = NewSignal();
    private long _enqueued;
    private long _written;
    private long _commits;
    private long _dropped;
    private volatile bool _stopping;

    /// <param name="options">Capacity, largest batch and pace.</param>
    /// <param name="write">Stores one batch; runs on the writer's own task, one call at a time.</param>
    /// <param name="onWriteFailed">Told of a batch <paramref name="write"/> failed on (the items are lost) and their count.</param>
    public PacedBatchWriter(PacedBatchOptions options, Func<IReadOnlyList<T>, Task> write, Action<Exception, int> onWriteFailed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        _options = options;
        _write = write;
        _onWriteFailed = onWriteFailed;
        _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Started at construction, not with the host, so that items queued before the host starts are not stranded.
        // A thread of its own: stores write synchronously (SQLite, fsync), and a pool thread blocked in an fsync is one
        // fewer for the invokes on a two-core machine, where the pool has two until it slowly grows (p99 spikes).
        new Thread(Run) { IsBackground = true, Name = "paced-batch-writer " + typeof(T).Name }.Start();
    }

    /// <summary>Items accepted so far.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Items handed to storage so far (stored, or lost to a failed write).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Batches handed to storage so far: one transaction each.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Items refused because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True once <see cref="StopAsync"/> (or disposal) began: later items are refused.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Queues <paramref name="item"/>; false when the queue is full (counted in <see cref="Dropped"/>) or stopping.</summary>
    public bool TryEnqueue(T item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }
        if (!_stopping)
        {
            Interlocked.Increment(ref _dropped);
        }
        return false;
    }

    /// <summary>Completes once every item queued before the call has been handed to storage.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Enqueued;
        while (true)
        {
            // Taken before the check: the writer counts an item as written before it completes this signal.
            var done = Volatile.Read(ref _batchDone).Task;
            if (Written >= target)
            {
                return;
            }
            if (_loopDone.Task.IsCompleted)
            {
                // Stopped: nothing queued will be written any more.
                return;
            }
            Volatile.Read(ref _flushRequested).TrySetResult();
            await Task.WhenAny(done, _loopDone.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses new items and writes everything already queued.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        Volatile.Read(ref _flushRequested).TrySetResult();
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
        var reader = _queue.Reader;
        var batch = new List<T>();
        var lastCommit = Stopwatch.GetTimestamp() - (long)(_options.Interval.TotalSeconds * Stopwatch.Frequency) - 1;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Pace(reader, lastCommit);
            if (_flushRequested.Task.IsCompleted)
            {
                // Reset before draining: a flush asked for after this point finds the next pause cut short.
                Volatile.Write(ref _flushRequested, NewSignal());
            }
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                _write(batch).GetAwaiter().GetResult();
            }
            catch (Exception exception)
            {
                _onWriteFailed(exception, batch.Count);
            }
            lastCommit = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _written, batch.Count);
            Interlocked.Increment(ref _commits);
            batch.Clear();
            Interlocked.Exchange(ref _batchDone, NewSignal()).TrySetResult();
        }
    }

    /// <summary>
    /// Waits out the rest of the interval since the last commit, unless a full batch is already waiting, a flush was
    /// asked for or the writer is stopping. Real time on purpose (not the host's TimeProvider): this is pacing, and a
    /// test's frozen clock must not hold writes back.
    /// </summary>
    private void Pace(ChannelReader<T> reader, long lastCommit)
    {
        var remaining = _options.Interval - Stopwatch.GetElapsedTime(lastCommit);
        if (remaining <= TimeSpan.Zero || _stopping || reader.Count >= _options.MaxBatch)
        {
            return;
        }
        var flush = Volatile.Read(ref _flushRequested).Task;
        if (!flush.IsCompleted)
        {
            flush.Wait(remaining);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
