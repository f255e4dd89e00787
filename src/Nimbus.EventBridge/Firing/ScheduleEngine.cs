using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Firing;

/// <summary>
/// Fires every scheduled rule and schedule on time, once per tick. Next-fire times sit in one priority queue, so
/// hundreds of thousands of schedules cost one timer and no scans: the loop sleeps until the earliest due time (or
/// until a change makes something due sooner). A tick is recorded as fired in the same SQLite transaction that queues
/// its deliveries, so a restart neither repeats nor loses it; see docs/compatibility/events.md for ticks missed while
/// the server was down.
/// </summary>
internal sealed partial class ScheduleEngine : BackgroundService
{
    private readonly IEventBridgeStore _store;
    private readonly TimeProvider _time;
    private readonly DeliveryWorker _deliveries;
    private readonly ILogger<ScheduleEngine> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _firing = new(1, 1);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string Key, long Version), DateTimeOffset> _queue = new();
    private readonly WakeSignal _wake = new();
    private long _version;
    private bool _loaded;

    public ScheduleEngine(IEventBridgeStore store, TimeProvider time, DeliveryWorker deliveries, ILogger<ScheduleEngine> logger)
    {
        _store = store;
        _time = time;
        _deliveries = deliveries;
        _logger = logger;
    }

    /// <summary>How many jobs are scheduled (enabled, with ticks left).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Adds or replaces a job. Its next tick comes after the later of its last fired tick and <paramref name="after"/>
    /// (normally now; just before the anchor for schedules that fire at their start).
    /// </summary>
    public void Upsert(ScheduledJob job, DateTimeOffset after)
    {
        var last = _store.GetLastTick(job.Key);
        var from = last is { } l && l > after ? l : after;
        Place(job, job.Timing.Next(from));
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>The earliest due time of any job, or null.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_gate)
        {
            while (_queue.TryPeek(out var head, out var due))
            {
                if (_entries.TryGetValue(head.Key, out var entry) && entry.Version == head.Version)
                {
                    return due;
                }
                _queue.Dequeue();
            }
            return null;
        }
    }

    /// <summary>
    /// Loads every enabled scheduled rule and schedule from the store. A job whose ticks passed while the server was
    /// down fires only its latest missed tick (once); earlier missed ticks are skipped.
    /// </summary>
    public void Load(IEnumerable<ScheduledJob> jobs)
    {
        var now = _time.GetUtcNow();
        var ticks = _store.AllLastTicks();
        foreach (var job in jobs)
        {
            var last = ticks.TryGetValue(job.Key, out var fired) ? fired : job.Timing.Anchor.AddTicks(-1);
            var next = job.Timing.Next(last);
            if (next is { } n && n <= now && job.Timing.LatestUpTo(last, now) is { } latest && latest != n)
            {
                LogSkippedWhileDown(_logger, job.Key, n, latest);
                next = latest;
            }
            Place(job, next);
        }
        _loaded = true;
    }

    public bool IsLoaded => _loaded;

    private void Place(ScheduledJob job, DateTimeOffset? tick)
    {
        lock (_gate)
        {
            if (tick is not { } t)
            {
                _entries.Remove(job.Key);
                return;
            }
            var entry = new Entry(job, t, job.DueTime(t), ++_version);
            _entries[job.Key] = entry;
            _queue.Enqueue((job.Key, entry.Version), entry.Due);
        }
        _wake.Set();
    }

    private sealed record Entry(ScheduledJob Job, DateTimeOffset Tick, DateTimeOffset Due, long Version);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Schedule {Key} missed ticks from {FirstMissed:o} while the server was down; firing only the latest, {Latest:o}")]
    private static partial void LogSkippedWhileDown(ILogger logger, string key, DateTimeOffset firstMissed, DateTimeOffset latest);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Firing {Key} at tick {Tick:o} failed; it is retried")]
    private static partial void LogFireFailed(ILogger logger, Exception exception, string key, DateTimeOffset tick);
}
