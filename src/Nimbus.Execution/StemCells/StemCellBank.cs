using System.Collections.Concurrent;
using System.Globalization;
using Nimbus.Core;
using Nimbus.Execution.Environments;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.StemCells;

/// <summary>
/// Pre-started runtimes ("stem cells") for Node.js and Python, so that a cold start costs loading the handler rather
/// than booting a sandbox and an interpreter. One <see cref="StemCellPool"/> per kind of launch (interpreter,
/// arguments — Node.js sizes its heap by memory on the command line — and <c>/tmp</c> size), created on the first cold
/// start of that kind and kept at <see cref="ExecutionOptions.StemCellsPerRuntime"/> ready cells until unused for the
/// idle timeout. Each cell is used once: no function ever runs in a process, <c>/tmp</c> or <c>/var/task</c> that
/// another function had. Custom runtimes (<c>provided.*</c>) start the plain way.
/// </summary>
internal sealed class StemCellBank : IDisposable
{
    private readonly ConcurrentDictionary<string, StemCellPool> _pools = new(StringComparer.Ordinal);
    private readonly IProcessLauncher _launcher;
    private readonly EdgeEndpoint _edge;
    private readonly TimeProvider _time;
    private readonly int _size;
    private readonly string _bootstrapRoot;
    private readonly string _directory;
    private readonly RunDirectories? _runs;
    private long _specialised;

    public StemCellBank(IProcessLauncher launcher, ExecutionOptions options, string bootstrapRoot, EdgeEndpoint edge, TimeProvider time,
        RunDirectories? runs = null)
    {
        _launcher = launcher;
        _runs = runs;
        _edge = edge;
        _time = time;
        _size = options.StemCellsPerRuntime;
        _bootstrapRoot = bootstrapRoot;
        var root = options.StemCellDirectory ?? Path.Combine(Path.GetTempPath(), "nimbus-cells");
        RemoveStale(root);
        _directory = Path.Combine(root, "server-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>How many environments started from a stem cell so far (for tests, health and the benchmark).</summary>
    public long Specialised => Interlocked.Read(ref _specialised);

    /// <summary>Every pool is full of booted cells (for the benchmark, which measures cold starts from primed pools).</summary>
    public bool Primed => _pools.Values.All(p => p.BootedCount >= _size);

    /// <summary>Ready cells over all pools.</summary>
    public int Ready => _pools.Values.Sum(p => p.ReadyCount);

    /// <summary>Ready cells whose interpreter finished booting, over all pools.</summary>
    public int Booted => _pools.Values.Sum(p => p.BootedCount);

    /// <summary>
    /// Turns a ready cell into the environment <paramref name="launch"/> describes and returns its process, or returns
    /// null when the plain launch must be used: a custom runtime, variables that act at interpreter start-up, or no
    /// ready cell of this kind (the first cold start of a kind creates its pool). With <paramref name="bindRuntimeApi"/>
    /// the environment is network-isolated: it is taken from cells with a network namespace of their own, and is given
    /// the cell's run directory to serve its Runtime API in before the cell learns of the function.
    /// </summary>
    public IProcessHandle? TrySpecialise(EnvironmentSpec spec, RuntimeInfo runtime, ProcessLaunchRequest launch, Action<string>? bindRuntimeApi = null)
    {
        if (runtime.Family is not (RuntimeFamily.NodeJs or RuntimeFamily.Python) || spec.Environment.Keys.Any(ActsAtStartUp))
        {
            return null;
        }
        var isolated = bindRuntimeApi is not null && _runs is not null;
        // An isolated cell's bridge listens on the edge's port, fixed at its start.
        var key = string.Join('\0', launch.Arguments) + "\0" + launch.EphemeralStorageMb.ToString(CultureInfo.InvariantCulture)
            + (isolated ? "\0isolated:" + SandboxNetwork.EdgeUrl(_edge) : "");
        var pool = _pools.GetOrAdd(key, _ => new StemCellPool(
            () => Start(runtime, launch.MemorySizeMb, launch.EphemeralStorageMb, isolated), _size, _time));
        try
        {
            while (pool.TryTake() is { } cell)
            {
                if (cell.TrySpecialise(launch, bindRuntimeApi))
                {
                    Interlocked.Increment(ref _specialised);
                    return cell;
                }
                cell.Discard();
            }
            return null;
        }
        finally
        {
            pool.Refill();
        }
    }

    /// <summary>
    /// Variables the interpreter reads only while starting (<c>NODE_OPTIONS</c>, <c>PYTHONPATH</c>, locale, the
    /// dynamic loader's): a cell already started without them, so such functions start the plain way.
    /// </summary>
    internal static bool ActsAtStartUp(string name) =>
        name.StartsWith("NODE_", StringComparison.Ordinal) || name.StartsWith("PYTHON", StringComparison.Ordinal)
        || name.StartsWith("LD_", StringComparison.Ordinal) || name.StartsWith("LC_", StringComparison.Ordinal)
        || name is "LANG" or "UV_THREADPOOL_SIZE" or "AWS_LAMBDA_EXEC_WRAPPER";

    private StemCell Start(RuntimeInfo runtime, int memorySizeMb, int ephemeralStorageMb, bool isolated)
    {
        var name = "cell-" + Guid.NewGuid().ToString("N");
        var taskDirectory = Path.Combine(_directory, name);
        Directory.CreateDirectory(taskDirectory);
        var runDirectory = isolated ? _runs!.Create() : null;
        try
        {
            var launch = RuntimeLaunch.BuildStemCell(runtime, _bootstrapRoot, taskDirectory, memorySizeMb, ephemeralStorageMb,
                isolated ? SandboxNetwork.EdgeUrl(_edge) : _edge.Url, _launcher.ConfinesFilesystem, name);
            launch = runDirectory is null ? launch : launch with { Network = SandboxNetwork.For(runDirectory, _edge) };
            return new StemCell(_launcher.Start(launch), taskDirectory, _launcher.ConfinesFilesystem) { RunDirectory = runDirectory };
        }
        catch
        {
            Directory.Delete(taskDirectory, recursive: true);
            if (runDirectory is not null)
            {
                Directory.Delete(runDirectory, recursive: true);
            }
            throw;
        }
    }

    /// <summary>Stops the pools no cold start used for <paramref name="idleTimeout"/>; returns how many.</summary>
    public int ReapIdle(long nowTimestamp, TimeSpan idleTimeout)
    {
        var reaped = 0;
        foreach (var (key, pool) in _pools)
        {
            if (_time.GetElapsedTime(pool.LastUsedTimestamp, nowTimestamp) >= idleTimeout && _pools.TryRemove(key, out _))
            {
                pool.Dispose();
                reaped++;
            }
        }
        return reaped;
    }

    public void Dispose()
    {
        foreach (var key in _pools.Keys)
        {
            if (_pools.TryRemove(key, out var pool))
            {
                pool.Dispose();
            }
        }
    }

    /// <summary>Removes the cell directories of servers that are gone (killed before they could remove them).</summary>
    private static void RemoveStale(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }
        foreach (var server in Directory.EnumerateDirectories(root, "server-*"))
        {
            if (!Directory.Exists("/proc/" + Path.GetFileName(server)["server-".Length..]))
            {
                try
                {
                    Directory.Delete(server, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
