namespace Nimbus.Execution.Processes;

/// <summary>
/// A runtime running under bubblewrap: the plain process handle of the outer <c>bwrap</c> (whose pipe carries the
/// runtime's output and whose exit mirrors the runtime's), plus the environment's cgroup.
/// </summary>
internal sealed class SandboxedProcess : IProcessHandle
{
    private readonly IProcessHandle _inner;
    private volatile bool _killed;
    private readonly TaskCompletionSource _cgroupRemoved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SandboxedProcess(IProcessHandle inner, Cgroup? cgroup)
    {
        _inner = inner;
        Cgroup = cgroup;
        // bwrap exits with 128+N when the sandboxed command dies of signal N (as a shell does): turn that back into
        // the signal, so an OOM kill reads "signal: killed" as on Lambda. 137 is ambiguous (SIGKILL, or a runtime that
        // called exit(137)); with a cgroup, its OOM-kill counter tells the two apart.
        Exited = inner.Exited.ContinueWith(t => t.Result is { Signal: 0, ExitCode: > 128 and < 160 } exit
                && (exit.ExitCode != 137 || cgroup is null || cgroup.OomKills() > 0 || _killed)
                ? new ProcessExit(-1, exit.ExitCode - 128)
                : t.Result,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public int ProcessId => _inner.ProcessId;

    public Task<ProcessExit> Exited { get; }

    public Cgroup? Cgroup { get; }

    /// <summary>Completes once the cgroup is gone (right away without one); for tests.</summary>
    internal Task CgroupRemoved => _cgroupRemoved.Task;

    public int ReadAvailable(Span<byte> buffer) => _inner.ReadAvailable(buffer);

    public bool WaitForOutputOrExit() => _inner.WaitForOutputOrExit();

    public void Kill()
    {
        _killed = true;
        // Killing bwrap's group takes the sandbox down (--die-with-parent, then the pid namespace's init); the cgroup
        // kill also catches anything that got there first.
        _inner.Kill();
        Cgroup?.KillAll();
    }

    public void InitCompleted() => Cgroup?.ApplyCpuQuota();

    public IReadOnlyCollection<int>? ProcessIds()
    {
        var pids = new List<int>();
        if (Cgroup is not null)
        {
            foreach (var line in File.ReadLines(Cgroup.ProcsFiles.First()))
            {
                pids.Add(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
            }
            return pids;
        }
        // Without cgroups: bwrap and its descendants, from each process's children list.
        var pending = new Stack<int>([ProcessId]);
        while (pending.TryPop(out var pid))
        {
            pids.Add(pid);
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        pending.Push(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }
        return pids;
    }

    public void LimitMemory(int memorySizeMb) => Cgroup?.Limit(memorySizeMb);

    public bool WriteInput(ReadOnlySpan<byte> data) => _inner.WriteInput(data);

    public long PeakMemoryBytes()
    {
        var peak = Cgroup?.PeakMemoryBytes() ?? 0;
        return peak > 0 ? peak : _inner.PeakMemoryBytes();
    }

    public void Dispose()
    {
        _inner.Dispose();
        Cgroup?.Remove();
        _cgroupRemoved.TrySetResult();
    }
}
