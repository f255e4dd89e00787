using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Nimbus.DynamoDb.Store;

/// <summary>
/// Serialises writes on one connection and commits whatever is queued together: each call runs in its own
/// savepoint (a failing call rolls back alone), the batch commits once, and callers are answered only after the
/// commit's fsync. Under load this turns N fsyncs into one without weakening "acknowledged means durable".
/// </summary>
internal sealed partial class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 256;

    /// <summary>
    /// How long the writer may wait for the callers of its previous batch to come back before committing fewer of them
    /// (PostgreSQL's commit_delay, made adaptive). Waiting only pays when a commit's fsync costs more than the wait.
    /// </summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(1);

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CommandCache _cache;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _gathered = new(false);
    private int _gatherTarget = int.MaxValue;

    /// <summary>Writes queued and not yet taken by the writer (a single-reader channel cannot count).</summary>
    private int _queued;

    public GroupCommitWriter(CommandCache cache)
    {
        _cache = cache;
        _thread = new Thread(Run) { IsBackground = true, Name = "dynamodb-writer" };
        _thread.Start();
    }

    public Task<T> WriteAsync<T>(Func<IDynamoWriter, T> write)
    {
        var pending = new PendingWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }
        if (Interlocked.Increment(ref _queued) >= Volatile.Read(ref _gatherTarget))
        {
            _gathered.Set();
        }
        return pending.Task;
    }

    private void Run()
    {
        var writer = new Writer(_cache);
        var batch = new List<PendingWrite>(MaxBatch);
        var lastBatch = 0;
        var lastCommit = TimeSpan.Zero;
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (lastBatch > 1 && lastCommit >= GatherWindow)
            {
                Gather(lastBatch);
            }
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                Interlocked.Decrement(ref _queued);
            }
            var started = Stopwatch.GetTimestamp();
            RunBatch(writer, batch);
            lastCommit = Stopwatch.GetElapsedTime(started);
            lastBatch = batch.Count;
            batch.Clear();
        }
    }

    /// <summary>
    /// Closed-loop callers (8 clients each waiting for its answer) come back a little apart; committing whoever is
    /// first leaves the rest for another fsync. Waits, at most <see cref="GatherWindow"/>, until as many writes are
    /// queued as the previous batch held; the target follows the load, so a lone caller never waits.
    /// </summary>
    private void Gather(int target)
    {
        if (Volatile.Read(ref _queued) >= target)
        {
            return;
        }
        _gathered.Reset();
        Volatile.Write(ref _gatherTarget, target);
        if (Volatile.Read(ref _queued) < target)
        {
            _gathered.Wait(GatherWindow);
        }
        Volatile.Write(ref _gatherTarget, int.MaxValue);
    }

    private void RunBatch(Writer writer, List<PendingWrite> batch)
    {
        var outcomes = new Exception?[batch.Count];
        try
        {
            using var transaction = _cache.Connection.BeginTransaction();
            _cache.Transaction = transaction;
            for (var i = 0; i < batch.Count; i++)
            {
                transaction.Save("w");
                try
                {
                    batch[i].Run(writer);
                    transaction.Release("w");
                }
                catch (Exception exception)
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    outcomes[i] = exception;
                }
            }
            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The commit itself failed: nothing of this batch is durable, so nobody may be told it succeeded.
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] ??= exception;
                batch[i].Fail(outcomes[i]!);
            }
            return;
        }
        finally
        {
            _cache.Transaction = null;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } error)
            {
                batch[i].Fail(error);
            }
            else
            {
                batch[i].Complete();
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _cache.Dispose();
        _gathered.Dispose();
    }

    private abstract class PendingWrite
    {
        public abstract void Run(IDynamoWriter writer);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<IDynamoWriter, T> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(IDynamoWriter writer) => _result = write(writer);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
