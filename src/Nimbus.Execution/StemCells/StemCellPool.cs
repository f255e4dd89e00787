namespace Nimbus.Execution.StemCells;

/// <summary>
/// The ready stem cells of one kind (same interpreter, arguments and <c>/tmp</c> size). Taking one starts its
/// replacement in the background, so the pool stays at its size while functions keep cold-starting.
/// </summary>
internal sealed class StemCellPool(Func<StemCell> start, int size, TimeProvider time)
{
    private readonly List<StemCell> _ready = [];
    private int _starting;
    private bool _disposed;

    /// <summary>Ticks (of the time provider) when a cell was last taken or the pool created; for reaping unused pools.</summary>
    public long LastUsedTimestamp { get; private set; } = time.GetTimestamp();

    public int ReadyCount
    {
        get
        {
            lock (_ready)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Cells whose interpreter said it is up.</summary>
    public int BootedCount
    {
        get
        {
            lock (_ready)
            {
                return _ready.Count(c => c.IsBooted);
            }
        }
    }

    /// <summary>The oldest booted cell, else the oldest (the likeliest to boot first), or null when none is left.</summary>
    public StemCell? TryTake()
    {
        lock (_ready)
        {
            LastUsedTimestamp = time.GetTimestamp();
            if (_ready.Count == 0)
            {
                return null;
            }
            var index = _ready.FindIndex(c => c.IsBooted);
            var cell = _ready[Math.Max(index, 0)];
            _ready.RemoveAt(Math.Max(index, 0));
            return cell;
        }
    }

    /// <summary>Starts as many cells as the pool lacks, each on a pool thread (a spawn blocks for a few milliseconds).</summary>
    public void Refill()
    {
        int missing;
        lock (_ready)
        {
            if (_disposed)
            {
                return;
            }
            missing = size - _ready.Count - _starting;
            _starting += Math.Max(0, missing);
        }
        for (var i = 0; i < missing; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static pool => pool.StartOne(), this, preferLocal: false);
        }
    }

    private void StartOne()
    {
        StemCell? cell = null;
        try
        {
            cell = start();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // The host cannot start one now (out of pids, cgroup write refused): functions cold-start the plain way.
        }
        lock (_ready)
        {
            _starting--;
            if (cell is not null && !_disposed)
            {
                _ready.Add(cell);
                return;
            }
        }
        cell?.Discard();
    }

    /// <summary>Kills every ready cell; cells still starting are killed as they arrive.</summary>
    public void Dispose()
    {
        List<StemCell> cells;
        lock (_ready)
        {
            _disposed = true;
            cells = [.. _ready];
            _ready.Clear();
        }
        foreach (var cell in cells)
        {
            cell.Discard();
        }
    }
}
