using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace Nimbus.Core.Storage;

/// <summary>
/// The second half of a pipelined <see cref="SqliteGroupCommit"/>: the writer commits each batch into the WAL without
/// waiting for the disk (<c>synchronous=NORMAL</c>) and hands its callers here; this thread fsyncs the WAL file and
/// only then answers them, while the writer already runs the next batch. A background thread checkpoints, so neither
/// waits for the WAL to be copied into the database.
/// </summary>
/// <remarks>
/// Why an answered write survives <c>kill -9</c> and — answered after its fsync (<see cref="WriteDurability.Fsync"/>) —
/// power loss:
/// <list type="number">
/// <item>The writer's COMMIT returns once SQLite has written (pwrite) every frame of the transaction, its commit frame
/// included, into the <c>-wal</c> file; only then is the batch queued here (the queue's lock orders the two).</item>
/// <item>fsync is per file, not per descriptor: fsync (fdatasync: data and size, see <see cref="FileSync"/>) of this
/// thread's own descriptor of the same <c>-wal</c> file makes every page written into it before the call durable —
/// the frames of every batch queued before it began. Callers are answered only after the fsync that began after their
/// commit returned.</item>
/// <item>Recovery replays the WAL's valid prefix (frames whose salts match the header and whose checksum chain holds)
/// up to its last commit frame: a later batch's frames lost or torn in a crash cut the prefix after the durable ones,
/// never before them. Writes are committed in order, so what survives is always a prefix of what was answered plus,
/// possibly, writes whose answer was lost.</item>
/// <item>The WAL restarts from its start once a checkpoint copied all of it into the database. SQLite fsyncs the WAL
/// before a checkpoint copies it and the database after, even at <c>synchronous=NORMAL</c>, and fsyncs the new header
/// (new salts) before a restarted WAL's first frames, so the overwritten frames were already durable in the database
/// and stale ones can never be replayed.</item>
/// <item>The file is the same inode for as long as this object lives: SQLite deletes a WAL only when the last connection
/// to the database closes, and this object holds one open (its checkpoint connection) from before it opens the file
/// until after it closes it.</item>
/// </list>
/// A reader may see a batch's writes in the short window between its commit and its fsync (as in any database with
/// group commit); a crash in that window loses them, but none of them had been answered yet.
/// </remarks>
internal sealed class SqliteWalSyncer : IDisposable
{
    /// <summary>How often the checkpoint thread copies the WAL into the database while there are writes.</summary>
    private const int CheckpointIntervalMs = 200;

    /// <summary>
    /// A WAL this long (4 KB pages, SQLite's own autocheckpoint size) makes the writer finish the checkpoint itself,
    /// between two transactions: under unbroken writes a background checkpoint never reaches the WAL's end, so SQLite
    /// could never restart the WAL, which would grow — and a growing file costs an inode write and block allocation at
    /// every fsync, where a restarted one is rewritten in place. The background pass has copied all but the last few
    /// frames, so the writer's pass is short.
    /// </summary>
    private const int RestartFrames = 1000;

    private readonly SqliteConnection _connection;
    private readonly SafeFileHandle _wal;
    private readonly Thread _syncThread;
    private readonly Thread _checkpointThread;
    private readonly object _lock = new();

    /// <summary>The checkpoint thread sleeps on this, apart from the fsync thread, so batches do not wake it.</summary>
    private readonly object _checkpointLock = new();

    /// <summary>Completions of committed batches awaiting their fsync. Guarded by <see cref="_lock"/>.</summary>
    private List<Action<Exception?>> _pending = [];

    /// <summary>Whether batches were committed since the last checkpoint.</summary>
    private volatile bool _written;

    private volatile bool _closed;

    /// <summary>True from a batch's arrival until the fsync that covers it returned and nothing else waits.</summary>
    private volatile bool _busy;

    private readonly Action _idle;

    /// <param name="idle">Called (on the fsync thread) each time the last pending batch became durable.</param>
    public SqliteWalSyncer(SqliteDatabase database, string name, Action idle)
    {
        _idle = idle;
        // synchronous=FULL, from Open: its checkpoints fsync the WAL before copying it and the database after.
        _connection = database.Open();
        // A read on a WAL database creates the -wal file if it is missing.
        SqliteDatabase.Execute(_connection, "SELECT count(*) FROM sqlite_master;");
        _wal = File.OpenHandle(database.Path + "-wal", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        _syncThread = new Thread(SyncLoop) { IsBackground = true, Name = name + "-fsync" };
        _checkpointThread = new Thread(CheckpointLoop) { IsBackground = true, Name = name + "-checkpoint" };
        _syncThread.Start();
        _checkpointThread.Start();
    }

    /// <summary>Set when the WAL grew past <see cref="RestartFrames"/>: the writer should checkpoint between batches.</summary>
    public bool WalTooLong { get; set; }

    /// <summary>Whether an fsync is running or batches wait for one: a batch committed now would wait for the next.</summary>
    public bool Busy => _busy;

    /// <summary>Answers a committed batch (its <paramref name="complete"/> gets null, or the fsync's error) once it is durable.</summary>
    public void Enqueue(Action<Exception?> complete)
    {
        lock (_lock)
        {
            _pending.Add(complete);
            _written = true;
            _busy = true;
            if (_pending.Count == 1)
            {
                Monitor.Pulse(_lock);
            }
        }
    }

    /// <summary>
    /// The fsync of the WAL on the caller's thread — the writer's, for a batch committed while nothing is pending here
    /// (every earlier batch is then durable already): null, or the error that means the batch is not durable.
    /// </summary>
    public Exception? Sync()
    {
        _written = true;
        try
        {
            FileSync.DataToDisk(_wal);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    /// <summary>Answers what is pending, then stops; the writer has stopped queueing.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
        lock (_checkpointLock)
        {
            Monitor.PulseAll(_checkpointLock);
        }
        _syncThread.Join();
        _checkpointThread.Join();
        _wal.Dispose();
        _connection.Dispose();
    }

    private void SyncLoop()
    {
        var taken = new List<Action<Exception?>>();
        while (true)
        {
            lock (_lock)
            {
                while (_pending.Count == 0 && !_closed)
                {
                    Monitor.Wait(_lock);
                }
                if (_pending.Count == 0)
                {
                    return;
                }
                (taken, _pending) = (_pending, taken);
            }
            var error = Sync();
            bool idle;
            lock (_lock)
            {
                idle = _pending.Count == 0;
                _busy = !idle;
            }
            if (idle)
            {
                // The writer commits its next batch as soon as the disk is free: tell it before answering callers.
                _idle();
            }
            foreach (var complete in taken)
            {
                complete(error);
            }
            taken.Clear();
        }
    }

    private void CheckpointLoop()
    {
        while (!_closed)
        {
            lock (_checkpointLock)
            {
                if (!_closed)
                {
                    Monitor.Wait(_checkpointLock, CheckpointIntervalMs);
                }
            }
            if (_closed || !_written)
            {
                continue;
            }
            _written = false;
            try
            {
                WalTooLong = Checkpoint(_connection) > RestartFrames;
            }
            catch (SqliteException)
            {
                // A checkpoint that failed (disk full, I/O error) is retried after the next writes; the WAL keeps the data.
                _written = true;
            }
        }
    }

    /// <summary>Copies what it can of the WAL into the database without waiting for anyone; returns the WAL's length in frames.</summary>
    public static long Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }
}
