using System.Diagnostics;
using System.Threading.Channels;

namespace Nimbus.Core.Storage;

/// <summary>
/// Group commit for one database's writes. One writer thread owns one connection (with its prepared statements, a
/// <see cref="SqliteCommandCache"/>); writes queued while it was committing run together as one transaction, each in
/// its own savepoint (a failing write rolls back alone), and every caller is answered only after that transaction's
/// commit, and with it the WAL's fsync, returned. With <c>synchronous=FULL</c> the fsync, not the SQL, is what a small
/// write costs: under concurrency N writes share one. A lone write waits for nothing.
/// </summary>
public sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>Bounds one transaction's size, so a flood of writes still commits (and answers) in steps.</summary>
    private const int MaxBatch = 256;

    /// <summary>
    /// How long the writer may wait for the callers of its previous batch to come back before committing fewer of them
    /// (PostgreSQL's commit_delay, made adaptive). Waiting only pays when a commit's fsync costs more than the wait.
    /// </summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(1);

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteDatabase _database;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _gathered = new(false);
    private int _gatherTarget = int.MaxValue;

    /// <summary>Writes queued and not yet taken by the writer (a single-reader channel cannot count).</summary>
    private int _queued;

    public SqliteGroupCommit(SqliteDatabase database, string name)
    {
        _database = database;
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch, on the writer's connection inside its transaction (commands from
    /// the cache name it); completes once the batch is durable, with the work's result or the exception it threw.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteCommandCache, T> work)
    {
        var item = new Work<T>(work);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        }
        if (Interlocked.Increment(ref _queued) >= Volatile.Read(ref _gatherTarget))
        {
            _gathered.Set();
        }
        return item.Task;
    }

    /// <summary>The synchronous form, for rare writes whose callers are synchronous.</summary>
    public T Run<T>(Func<SqliteCommandCache, T> work) => RunAsync(work).GetAwaiter().GetResult();

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _gathered.Dispose();
    }

    private void WriteLoop()
    {
        var batch = new List<Work>(MaxBatch);
        var lastBatch = 0;
        var lastCommit = TimeSpan.Zero;
        SqliteCommandCache? cache = null;
        try
        {
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
                cache ??= new SqliteCommandCache(_database.Open());
                if (!CommitBatch(cache, batch))
                {
                    // A failed commit may have left the connection unusable: the next batch starts on a fresh one.
                    cache.Dispose();
                    cache = null;
                }
                lastCommit = Stopwatch.GetElapsedTime(started);
                lastBatch = batch.Count;
                batch.Clear();
            }
        }
        finally
        {
            cache?.Dispose();
        }
    }

    /// <summary>
    /// Closed-loop callers (clients each waiting for its answer) come back a little apart; committing whoever is first
    /// leaves the rest for another fsync. Waits, at most <see cref="GatherWindow"/>, until as many writes are queued as
    /// the previous batch held; the target follows the load, so a lone caller never waits.
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

    private static bool CommitBatch(SqliteCommandCache cache, List<Work> batch)
    {
        try
        {
            using var transaction = cache.Connection.BeginTransaction();
            cache.Transaction = transaction;
            // Prepared once per connection: a savepoint per write must not cost two statement compilations.
            var save = cache.Get("SAVEPOINT w");
            var release = cache.Get("RELEASE w");
            foreach (var work in batch)
            {
                save.ExecuteNonQuery();
                try
                {
                    work.Run(cache);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    cache.Get("ROLLBACK TO w").ExecuteNonQuery();
                    work.Failed = e;
                }
                release.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // The commit itself failed: nothing of this batch is durable, so nobody may be told it succeeded.
            foreach (var work in batch)
            {
                work.Fail(work.Failed ?? e);
            }
            return false;
        }
        finally
        {
            cache.Transaction = null;
        }
        foreach (var work in batch)
        {
            work.Complete();
        }
        return true;
    }

    private abstract class Work
    {
        public Exception? Failed { get; set; }

        public abstract void Run(SqliteCommandCache cache);

        /// <summary>Answers the caller once the batch committed: its result, or the exception its own work threw.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class Work<T>(Func<SqliteCommandCache, T> body) : Work
    {
        /// <summary>Continuations run on the pool, never on the writer thread, which must get back to the queue.</summary>
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteCommandCache cache) => _result = body(cache);

        public override void Complete()
        {
            if (Failed is not null)
            {
                _completion.TrySetException(Failed);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
