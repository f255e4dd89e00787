using System.Diagnostics;

namespace Nimbus.Core.Storage;

/// <summary>
/// Group commit for one database's writes. One writer thread owns one connection (with its prepared statements, a
/// <see cref="SqliteCommandCache"/>); writes queued while it was committing run together as one transaction, each in
/// its own savepoint (a failing write rolls back alone), and every caller is answered only after that transaction's
/// commit, and with it the WAL's fsync, returned. With <c>synchronous=FULL</c> the fsync, not the SQL, is what a small
/// write costs: under concurrency N writes share one. A lone write waits for nothing.
/// </summary>
/// <remarks>
/// Measured on a loaded two-core VM (bench/dynamodb, PutItem at 8 callers): context switches, not SQL, were the CPU
/// cost — blocking waits that spin (a Task waited on synchronously, ManualResetEventSlim) issued dozens of
/// sched_yield calls per write. The writer therefore sleeps on a monitor that a caller pulses only when the writer
/// asked for it, and never spins. Pipelined (see <see cref="SqliteWalSyncer"/>), the writer does not wait for the
/// fsync at all: it commits into the WAL, hands the batch's callers to the fsync thread and runs the next writes' SQL
/// in a new transaction while the disk works, committing them as soon as the previous fsync returned.
/// </remarks>
public sealed partial class SqliteGroupCommit : IDisposable
{
    /// <summary>Bounds one transaction's size, so a flood of writes still commits (and answers) in steps.</summary>
    private const int MaxBatch = 256;

    /// <summary>
    /// The longest the writer waits for the rest of its previous batch's callers (PostgreSQL's commit_delay, made
    /// adaptive): a caller that misses a commit waits for that fsync and then its own, so waiting pays for as long as
    /// it is shorter than a commit; the cap keeps a slow disk from turning into long waits.
    /// </summary>
    private static readonly long MaxGatherTicks = Stopwatch.Frequency * 2 / 1000;

    private readonly SqliteDatabase _database;
    private readonly Thread _thread;
    private readonly object _lock = new();

    /// <summary>Writes not yet taken by the writer. Guarded by <see cref="_lock"/>, as are the two fields below.</summary>
    private readonly Queue<Work> _queue = new();

    /// <summary>How many queued writes make a caller wake the sleeping writer (int.MaxValue: it is not sleeping).</summary>
    private int _wakeAt = int.MaxValue;

    private bool _closed;

    /// <summary>The fsync thread of a pipelined group commit; null when each commit fsyncs itself.</summary>
    private readonly SqliteWalSyncer? _syncer;

    /// <summary>Pipelined, <see cref="WriteDurability.Process"/>: callers are answered after the commit, the fsync follows.</summary>
    private readonly bool _answerBeforeFsync;

    /// <summary>Pipelined: how many writes recently waited at once. Guarded by <see cref="_lock"/>.</summary>
    private readonly WriterConcurrency _concurrency = new();

    /// <summary>Whether the writer sleeps until the fsync thread is free (it pulses then). Guarded by <see cref="_lock"/>.</summary>
    private bool _waitingForSyncer;

    /// <param name="pipelined">
    /// Overlap each batch's fsync with the next batch's SQL (<see cref="SqliteWalSyncer"/>), for a database whose writes
    /// all go through this object: callers are still answered only once their writes are durable.
    /// </param>
    /// <param name="durability">Pipelined only: whether callers wait for the fsync or only for the WAL write.</param>
    public SqliteGroupCommit(SqliteDatabase database, string name, bool pipelined = false, WriteDurability durability = WriteDurability.Fsync)
    {
        if (durability != WriteDurability.Fsync && !pipelined)
        {
            throw new ArgumentException("Only a pipelined group commit can answer before its fsync.", nameof(durability));
        }
        _database = database;
        _answerBeforeFsync = durability == WriteDurability.Process;
        _syncer = pipelined ? new SqliteWalSyncer(database, name, SyncerIdle) : null;
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch, on the writer's connection inside its transaction (commands from
    /// the cache name it); completes once the batch is durable, with the work's result or the exception it threw.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteCommandCache, T> work)
    {
        var item = new Work<T>(work, inlineContinuations: _syncer is not null);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue(item);
            if (_syncer is not null)
            {
                _concurrency.Enter();
            }
            if (_queue.Count >= _wakeAt)
            {
                Monitor.Pulse(_lock);
            }
        }
        return item.Task;
    }

    /// <summary>The synchronous form, for rare writes whose callers are synchronous.</summary>
    public T Run<T>(Func<SqliteCommandCache, T> work) => RunAsync(work).GetAwaiter().GetResult();

    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
        _thread.Join();
        _syncer?.Dispose();
    }

    private SqliteCommandCache OpenWriter()
    {
        var connection = _database.Open();
        if (_syncer is not null)
        {
            // NORMAL: COMMIT writes the WAL without fsync (the fsync thread does that), yet checkpoints still fsync the WAL
            // before copying it and a restarted WAL's header before reuse. Checkpoints run on the syncer's threads.
            SqliteDatabase.Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;");
        }
        return new SqliteCommandCache(connection);
    }

    private void WriteLoop()
    {
        var batch = new List<Work>(MaxBatch);
        var gather = new Gather(1, 0);
        SqliteCommandCache? cache = null;
        try
        {
            while (!Drained())
            {
                if (!Take(batch, 1, Timeout.Infinite))
                {
                    continue;
                }
                cache ??= OpenWriter();
                var (committed, commitTicks) = CommitBatch(cache, batch, gather);
                if (!committed)
                {
                    // A failed commit may have left the connection unusable: the next batch starts on a fresh one.
                    cache.Dispose();
                    cache = null;
                }
                else
                {
                    FinishCheckpoint(cache);
                }
                gather = new Gather(batch.Count, Math.Min(commitTicks, MaxGatherTicks));
                batch.Clear();
            }
        }
        finally
        {
            cache?.Dispose();
        }
    }

    /// <summary>True once the queue is closed and every write in it was taken.</summary>
    private bool Drained()
    {
        lock (_lock)
        {
            return _closed && _queue.Count == 0;
        }
    }

    /// <summary>
    /// Moves queued writes into <paramref name="batch"/>, first sleeping (at most <paramref name="timeoutMs"/>) until
    /// <paramref name="wanted"/> are queued. False when none came: timed out, or the queue is closed and empty.
    /// </summary>
    private bool Take(List<Work> batch, int wanted, int timeoutMs)
    {
        lock (_lock)
        {
            if (_queue.Count < wanted && !_closed)
            {
                _wakeAt = wanted;
                Monitor.Wait(_lock, timeoutMs);
                _wakeAt = int.MaxValue;
            }
            var before = batch.Count;
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }
            return batch.Count > before;
        }
    }

    /// <summary>
    /// One transaction: runs the writes taken so far, and — when the previous batch was larger and its commit slow —
    /// the writes of the callers still coming back from it, until as many as it held ran or the gather window closed
    /// (closed-loop callers come back a little apart; committing whoever came first would leave the rest for another
    /// fsync). Their SQL runs while the others are still on their way. Then one commit answers them all.
    /// </summary>
    private (bool Committed, long CommitTicks) CommitBatch(SqliteCommandCache cache, List<Work> batch, Gather gather)
    {
        var ran = 0;
        try
        {
            using var transaction = cache.Connection.BeginTransaction();
            cache.Transaction = transaction;
            ran = RunEach(cache, batch, ran);
            if (_syncer is not null)
            {
                if (_answerBeforeFsync)
                {
                    gather = NoGather;
                }
                else
                {
                    ran = GatherWhileSyncing(cache, batch, ran);
                    gather = PipelinedGather();
                }
            }
            var deadline = Stopwatch.GetTimestamp() + gather.WindowTicks;
            while (batch.Count < gather.Target && batch.Count < MaxBatch && Stopwatch.GetTimestamp() is var now && now < deadline)
            {
                var timeoutMs = (int)Math.Ceiling((deadline - now) * 1000.0 / Stopwatch.Frequency);
                if (!Take(batch, gather.Target - batch.Count, timeoutMs))
                {
                    break;
                }
                ran = RunEach(cache, batch, ran);
            }
            var committing = Stopwatch.GetTimestamp();
            transaction.Commit();
            var commitTicks = Stopwatch.GetTimestamp() - committing;
            if (_syncer is null)
            {
                foreach (var work in batch)
                {
                    work.Complete();
                }
            }
            else if (_answerBeforeFsync)
            {
                AnswerThenSync(batch);
            }
            else if (!FinishAlone(batch))
            {
                HandOff(batch);
            }
            return (true, commitTicks);
        }
        catch (Exception e)
        {
            // The transaction or its commit failed: nothing of this batch is durable, so nobody may be told it succeeded.
            if (_syncer is null)
            {
                foreach (var work in batch)
                {
                    work.Fail(work.Failed ?? e);
                }
            }
            else
            {
                Answer(batch.ToArray(), e);
            }
            return (false, 0);
        }
        finally
        {
            cache.Transaction = null;
        }
    }

    /// <summary>Runs the writes of <paramref name="batch"/> from index <paramref name="from"/>, each in its own savepoint.</summary>
    private static int RunEach(SqliteCommandCache cache, List<Work> batch, int from)
    {
        // Prepared once per connection: a savepoint per write must not cost two statement compilations.
        var save = cache.Raw("SAVEPOINT w");
        var release = cache.Raw("RELEASE w");
        for (; from < batch.Count; from++)
        {
            var work = batch[from];
            save.Execute();
            try
            {
                work.Run(cache);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                cache.Raw("ROLLBACK TO w").Execute();
                work.Failed = e;
            }
            release.Execute();
        }
        return from;
    }

    /// <summary>How many writes the next batch waits for, and for how long at most (stopwatch ticks).</summary>
    private readonly record struct Gather(int Target, long WindowTicks);

    /// <summary>
    /// Commit what ran, waiting for nobody. Pipelined with <see cref="WriteDurability.Process"/>: a caller is answered
    /// at the commit, so waiting for the callers still on their way would only delay it, and commits made while the
    /// fsync thread works share its next fsync anyway. Measured in one run against gathering as many as recently waited
    /// (bench/dynamodb --baseline, PutItem at 8 callers, 5 rounds): 8,181 against 7,377 writes/s at the same CPU per write.
    /// </summary>
    private static readonly Gather NoGather = new(1, 0);
}
