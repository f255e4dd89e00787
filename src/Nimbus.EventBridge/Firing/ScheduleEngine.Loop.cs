using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Firing;

internal sealed partial class ScheduleEngine
{
    /// <summary>Ticks committed per SQLite transaction when many are due at once.</summary>
    private const int CommitBatch = 1000;

    /// <summary>
    /// Fires every job due at <paramref name="now"/> (default: the clock's now) and returns how many ticks fired. The
    /// background loop calls this; tests with a fake clock call it after advancing the clock. If the loop itself fell
    /// behind by more than one tick of a job, only that job's latest tick fires, as after a restart.
    /// </summary>
    public async Task<int> FireDueAsync(DateTimeOffset? now = null, CancellationToken cancellationToken = default)
    {
        var at = now ?? _time.GetUtcNow();
        await _firing.WaitAsync(cancellationToken);
        try
        {
            var fired = 0;
            var batch = new List<(Entry Entry, DateTimeOffset? Next, TickCommit Commit)>(Math.Min(CommitBatch, 64));
            while (true)
            {
                batch.Clear();
                while (batch.Count < CommitBatch && TakeDue(at) is { } entry)
                {
                    var job = entry.Job;
                    var next = job.Timing.Next(entry.Tick);
                    if (next is { } n && n <= at && job.Timing.LatestUpTo(entry.Tick, at) is { } latest)
                    {
                        next = latest;
                    }
                    try
                    {
                        var deliveries = job.Deliveries(entry.Tick, at);
                        batch.Add((entry, next, new TickCommit(job.Key, entry.Tick, deliveries, next is null ? job.DeleteAfterCompletion : null,
                            deliveries.Count == 0 ? job.NoDelivery : null)));
                    }
                    catch (Exception exception)
                    {
                        LogFireFailed(_logger, exception, job.Key, entry.Tick);
                        Retry(entry, at.AddSeconds(5));
                    }
                }
                if (batch.Count == 0)
                {
                    break;
                }
                try
                {
                    _store.CommitTicks(batch.Select(b => b.Commit).ToList());
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Not recorded as fired: try the same ticks again shortly rather than lose them.
                    foreach (var (entry, _, _) in batch)
                    {
                        LogFireFailed(_logger, exception, entry.Job.Key, entry.Tick);
                        Retry(entry, at.AddSeconds(5));
                    }
                    break;
                }
                foreach (var (entry, next, _) in batch)
                {
                    Reschedule(entry, next);
                }
                fired += batch.Count;
                _deliveries.Signal();
            }
            return fired;
        }
        finally
        {
            _firing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await FireDueAsync(cancellationToken: stoppingToken);
            try
            {
                await _wake.WaitAsync(_time, NextDue(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private Entry? TakeDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            while (_queue.TryPeek(out var head, out var due) && due <= now)
            {
                _queue.Dequeue();
                if (_entries.TryGetValue(head.Key, out var entry) && entry.Version == head.Version)
                {
                    return entry;
                }
            }
            return null;
        }
    }

    private void Reschedule(Entry fired, DateTimeOffset? next)
    {
        lock (_gate)
        {
            // A concurrent Upsert or Remove (the rule changed while it fired) wins over the fired entry.
            if (!_entries.TryGetValue(fired.Job.Key, out var current) || current.Version != fired.Version)
            {
                return;
            }
        }
        Place(fired.Job, next);
    }

    private void Retry(Entry entry, DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Job.Key, out var current) && current.Version == entry.Version)
            {
                var retry = entry with { Due = due, Version = ++_version };
                _entries[entry.Job.Key] = retry;
                _queue.Enqueue((entry.Job.Key, retry.Version), due);
            }
        }
    }
}
