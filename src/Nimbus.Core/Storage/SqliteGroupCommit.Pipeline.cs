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
    /// Pipelined: once the disk is free, how many writes to wait for before committing — as many as have recently been
    /// waiting at once (the callers of the batch just answered are on their way back) — and for how long at most. On a
    /// VM an fsync costs a few hundred microseconds of CPU, not only of waiting, so a commit of all the waiting callers'
    /// writes is worth a short wait; a lone caller never waits.
    /// </summary>
    private Gather PipelinedGather()
    {
        lock (_lock)
        {
            return new Gather(_concurrency.Recent(Stopwatch.GetTimestamp()), MaxGatherTicks);
        }
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
