using System.Buffers;
using System.Text.Json;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.StemCells;

/// <summary>
/// A pre-started runtime whose interpreter is up and whose bootstrap blocks reading stdin, in a sandbox like any
/// environment's but with an empty <c>/var/task</c> (its own host directory) and no memory limit yet. Used once:
/// <see cref="TrySpecialise"/> turns it into one function's environment, and it dies with that environment.
/// </summary>
internal sealed class StemCell : IProcessHandle
{
    private readonly IProcessHandle _process;
    private readonly bool _confined;
    // The cell's output starts with the bootstrap's "booted" line; anything else there is output and is kept.
    private readonly byte[] _prefix = new byte[Marker.Length];
    private int _prefixLength;
    private int _prefixServed;
    private bool _prefixDone;
    private bool _booted;
    private bool _eof;
    private int _disposed;

    public StemCell(IProcessHandle process, string taskDirectory, bool confined)
    {
        _process = process;
        TaskDirectory = taskDirectory;
        _confined = confined;
    }

    /// <summary>The host directory the sandbox shows as <c>/var/task</c>.</summary>
    public string TaskDirectory { get; }

    /// <summary>The run directory of a network-isolated cell (its Runtime API socket goes there); null on the host network.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>What the bootstrap writes first, once its interpreter is up and it waits for a function.</summary>
    private static ReadOnlySpan<byte> Marker => "\0nimbus:ready\n"u8;

    public int ProcessId => _process.ProcessId;

    /// <summary>
    /// True once the bootstrap said it is up (read without blocking). A cell taken before then still works; its cold
    /// start just includes the rest of the interpreter's boot. Only the pool calls this, before the hand-over.
    /// </summary>
    public bool IsBooted
    {
        get
        {
            ReadPrefix();
            return _booted;
        }
    }

    private void ReadPrefix()
    {
        while (!_prefixDone)
        {
            var n = _process.ReadAvailable(_prefix.AsSpan(_prefixLength));
            if (n == 0)
            {
                return;
            }
            if (n < 0)
            {
                _eof = _prefixDone = true;
                return;
            }
            _prefixLength += n;
            if (!_prefix.AsSpan(0, _prefixLength).SequenceEqual(Marker[.._prefixLength]))
            {
                _prefixDone = true;
            }
            else if (_prefixLength == Marker.Length)
            {
                _prefixDone = _booted = true;
                _prefixLength = 0;
            }
        }
    }

    public Task<ProcessExit> Exited => _process.Exited;

    /// <summary>
    /// Gives the cell a function: its code into <c>/var/task</c>, its memory limit (and CPU share) on the cgroup, then
    /// its complete environment on stdin, on which the bootstrap replaces its own, loads the handler and polls the
    /// Runtime API named there, which <paramref name="bindRuntimeApi"/> starts serving in the cell's run directory
    /// first. False when the cell cannot take it (died meanwhile, limit not settable): the caller discards it.
    /// </summary>
    public bool TrySpecialise(ProcessLaunchRequest launch, Action<string>? bindRuntimeApi = null)
    {
        try
        {
            if (_confined && launch.CodeDirectory is { } code)
            {
                CodeTree.Link(code, TaskDirectory);
            }
            _process.LimitMemory(launch.MemorySizeMb);
            if (RunDirectory is not null)
            {
                bindRuntimeApi?.Invoke(RunDirectory);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            return false;
        }
        var message = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(message))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in launch.Environment)
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        message.Write("\n"u8);
        return _process.WriteInput(message.WrittenSpan);
    }

    public int ReadAvailable(Span<byte> buffer)
    {
        ReadPrefix();
        if (!_prefixDone)
        {
            return 0;
        }
        if (_prefixServed < _prefixLength)
        {
            var count = Math.Min(buffer.Length, _prefixLength - _prefixServed);
            _prefix.AsSpan(_prefixServed, count).CopyTo(buffer);
            _prefixServed += count;
            return count;
        }
        return _eof ? -1 : _process.ReadAvailable(buffer);
    }

    public bool WaitForOutputOrExit() => (!_prefixDone || _prefixServed >= _prefixLength) && _process.WaitForOutputOrExit();

    public void Kill() => _process.Kill();

    public long PeakMemoryBytes() => _process.PeakMemoryBytes();

    public void InitCompleted() => _process.InitCompleted();

    public void LimitMemory(int memorySizeMb) => _process.LimitMemory(memorySizeMb);

    public IReadOnlyCollection<int>? ProcessIds() => _process.ProcessIds();

    public bool WriteInput(ReadOnlySpan<byte> data) => _process.WriteInput(data);

    /// <summary>Kills a cell nobody will use, reaps it (no zombie left) and removes it, off the caller's thread.</summary>
    public void Discard()
    {
        Kill();
        ThreadPool.UnsafeQueueUserWorkItem(static cell =>
        {
            Span<byte> sink = stackalloc byte[512];
            while (!cell.WaitForOutputOrExit())
            {
                while (cell.ReadAvailable(sink) > 0)
                {
                }
            }
            cell.Dispose();
        }, this, preferLocal: false);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _process.Dispose();
        try
        {
            // Hard links only: the function's own files stay where the code store keeps them.
            Directory.Delete(TaskDirectory, recursive: true);
            if (RunDirectory is not null)
            {
                Directory.Delete(RunDirectory, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
