using System.Diagnostics;

namespace Nimbus.Core.Storage;

// The pipelined mode's part of the writer (see SqliteWalSyncer).
public sealed partial class SqliteGroupCommit
{
    private void SyncerIdle()
    {
        lock (_lock)
        {
            if (_waitingForSyncer)
            {
                Monitor.Pulse(_lock);
            }
        }
    }

    /// <summary>
    /// Pipelined: while the previous batch's fsync runs, a commit now would only wait for the next one — so keep the
    /// transaction open and run the writes arriving meanwhile, until the fsync thread is free (or the batch is full).
    /// </summary>
    private int GatherWhileSyncing(SqliteCommandCache cache, List<Work> batch, int ran)
    {
        while (batch.Count < MaxBatch)
        {
            lock (_lock)
            {
                if (!_syncer!.Busy || (_closed && _queue.Count == 0))
                {
                    return ran;
                }
                if (_queue.Count == 0)
                {
                    _waitingForSyncer = true;
                    _wakeAt = 1;
                    Monitor.Wait(_lock);
                    _waitingForSyncer = false;
                    _wakeAt = int.MaxValue;
                }
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }
            ran = RunEach(cache, batch, ran);
        }
        return ran;
    }

    /// <summary>
    /// Pipelined, answering after the fsync: once the disk is free, how many writes to wait for before committing — as
    /// many as have recently been waiting at once (the callers of the batch just answered are on their way back) — and
    /// for how long at most. On a VM an fsync costs a few hundred microseconds of CPU, not only of waiting, so a commit
    /// of all the waiting callers' writes is worth a short wait; a lone caller never waits.
    /// </summary>
    private Gather PipelinedGather()
    {
        lock (_lock)
        {
            return new Gather(_concurrency.Recent(Stopwatch.GetTimestamp()), MaxGatherTicks);
        }
    }

    /// <summary>
    /// Pipelined, when nothing else waits — no write queued, no earlier batch awaiting its fsync: the writer fsyncs the
    /// batch itself rather than waking the fsync thread for it (a wake-up costs more CPU on a VM than it hands over, and
    /// the writer would only go back to sleep). Its callers are still answered on the pool, never on this thread, where a
    /// continuation that waited for a write would wait for itself. When writes are queued, the pipeline overlaps their
    /// SQL with this batch's fsync as before. Measured in one run against the previous commit (bench/dynamodb
    /// --baseline, PutItem at 8 callers): 4,246 against 3,977 writes/s at the same CPU per write.
    /// </summary>
    private bool FinishAlone(List<Work> batch)
    {
        lock (_lock)
        {
            if (_syncer!.Busy || _queue.Count > 0)
            {
                return false;
            }
        }
        Answer(batch.ToArray(), _syncer.Sync());
        return true;
    }

    /// <summary>
    /// Pipelined, <see cref="WriteDurability.Process"/>: the committed batch is in the WAL (it survives <c>kill -9</c>), so
    /// its callers are answered now, and the fsync thread syncs the WAL behind them while the writer goes on.
    /// </summary>
    private void AnswerThenSync(List<Work> batch)
    {
        Answer(batch.ToArray(), null);
        // A failed background fsync leaves the answered writes where kill -9 cannot take them; the next fsync retries.
        _syncer!.Enqueue(static _ => { });
    }

    /// <summary>Pipelined: the committed batch's callers are answered by the fsync thread once the WAL is durable.</summary>
    private void HandOff(List<Work> batch)
    {
        var works = batch.ToArray();
        _syncer!.Enqueue(error => Answer(works, error));
    }

    /// <summary>
    /// Pipelined, between two transactions: when writes never paused long enough for a background checkpoint to reach
    /// the WAL's end, copy the rest now, so that the next write can restart the WAL from its start.
    /// </summary>
    private void FinishCheckpoint(SqliteCommandCache cache)
    {
        if (_syncer is not { WalTooLong: true })
        {
            return;
        }
        _syncer.WalTooLong = false;
        try
        {
            SqliteWalSyncer.Checkpoint(cache.Connection);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // The WAL keeps everything; the background thread tries again after the next writes.
        }
    }
}
