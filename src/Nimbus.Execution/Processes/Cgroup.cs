using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Nimbus.Execution.Processes;

/// <summary>
/// The cgroup of one environment: one directory in v2, one per controller (memory, cpu, pids) in v1. Removed when
/// the environment ends, after whatever is still inside has been killed.
/// </summary>
internal sealed class Cgroup
{
    private const int CpuPeriodMicros = 100_000;
    private readonly int _version;
    private readonly string _peakFile;
    private readonly string _cpuQuotaFile;
    private string _cpuQuota;
    private readonly byte[] _buffer = new byte[32];
    private readonly Lock _lock = new();
    private SafeFileHandle? _peak;
    private long _lastPeak;
    private bool _removed;

    /// <param name="version">1 or 2.</param>
    /// <param name="directories">v2: the one directory; v1: memory, cpu and pids, in that order.</param>
    public Cgroup(int version, string[] directories)
    {
        _version = version;
        Directories = directories;
        _peakFile = Path.Combine(directories[0], version == 2 ? "memory.peak" : "memory.max_usage_in_bytes");
        _cpuQuotaFile = version == 2 ? Path.Combine(directories[0], "cpu.max") : Path.Combine(directories[Math.Min(1, directories.Length - 1)], "cpu.cfs_quota_us");
        _cpuQuota = QuotaFor(0);
    }

    /// <summary>
    /// Sets the memory limit (<paramref name="memorySizeMb"/>, no swap; 0 leaves memory unlimited) and the CPU share
    /// that goes with it (1,769 MB = one vCPU, applied by <see cref="ApplyCpuQuota"/>). A stem cell is limited this
    /// way when it becomes a function; lowering the limit below what the cgroup already uses fails (IOException).
    /// </summary>
    public void Limit(int memorySizeMb)
    {
        var invariant = CultureInfo.InvariantCulture;
        _cpuQuota = QuotaFor(memorySizeMb);
        if (memorySizeMb <= 0)
        {
            return;
        }
        var memory = ((long)memorySizeMb * 1024 * 1024).ToString(invariant);
        if (_version == 2)
        {
            File.WriteAllText(Path.Combine(Directories[0], "memory.max"), memory);
            TryWrite(Path.Combine(Directories[0], "memory.swap.max"), "0");
            return;
        }
        // v1 requires memory.limit_in_bytes <= memory.memsw.limit_in_bytes at every step: lowering goes limit first,
        // raising goes memsw first. memsw = memory + swap, so equal means no swap; absent when swap accounting is off.
        var memsw = Path.Combine(Directories[0], "memory.memsw.limit_in_bytes");
        var limit = Path.Combine(Directories[0], "memory.limit_in_bytes");
        var current = long.TryParse(File.ReadAllText(limit).Trim(), NumberStyles.None, invariant, out var value) ? value : long.MaxValue;
        if ((long)memorySizeMb * 1024 * 1024 < current)
        {
            File.WriteAllText(limit, memory);
            TryWrite(memsw, memory);
        }
        else
        {
            TryWrite(memsw, memory);
            File.WriteAllText(limit, memory);
        }
        TryWrite(Path.Combine(Directories[0], "memory.swappiness"), "0");
    }

    private string QuotaFor(int memorySizeMb)
    {
        var invariant = CultureInfo.InvariantCulture;
        var quota = Math.Max(1000, memorySizeMb > 0 ? (long)memorySizeMb * CpuPeriodMicros / 1769 : CpuPeriodMicros);
        return _version == 2 ? quota.ToString(invariant) + " " + CpuPeriodMicros.ToString(invariant) : quota.ToString(invariant);
    }

    internal static void TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Optional knob (swap accounting off, old kernel): the main limit still holds.
        }
    }

    /// <summary>The cgroup's directories (memory first in v1).</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>The <c>cgroup.procs</c> files a process must be written to, one per hierarchy.</summary>
    public IEnumerable<string> ProcsFiles => Directories.Select(d => Path.Combine(d, "cgroup.procs"));

    /// <summary>
    /// Peak memory charged to the cgroup (v1 <c>memory.max_usage_in_bytes</c>, v2 <c>memory.peak</c>): what Lambda
    /// reports as Max Memory Used. Kept after removal; 0 when the kernel does not keep a peak.
    /// </summary>
    public long PeakMemoryBytes()
    {
        lock (_lock)
        {
            if (_removed)
            {
                return _lastPeak;
            }
            try
            {
                // Kept open and re-read with pread: cgroupfs regenerates the value at offset 0.
                _peak ??= File.OpenHandle(_peakFile);
                var n = RandomAccess.Read(_peak, _buffer, 0);
                if (long.TryParse(_buffer.AsSpan(0, n).Trim("\n "u8), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    _lastPeak = value;
                }
            }
            catch (IOException)
            {
                // memory.peak needs Linux 5.19; without it the caller falls back to the process's own high-water mark.
            }
            return _lastPeak;
        }
    }

    /// <summary>
    /// How many processes the kernel's OOM killer killed in this cgroup (v1 <c>memory.oom_control</c>, v2
    /// <c>memory.events</c>: <c>oom_kill N</c>); 0 when the kernel does not count them.
    /// </summary>
    public long OomKills()
    {
        try
        {
            var file = Path.Combine(Directories[0], _version == 2 ? "memory.events" : "memory.oom_control");
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith("oom_kill ", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("oom_kill ".Length), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>Applies the CPU share (unlimited until then, so that init runs at full speed).</summary>
    public void ApplyCpuQuota()
    {
        try
        {
            File.WriteAllText(_cpuQuotaFile, _cpuQuota);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Removed under us (the environment is ending): nothing left to limit.
        }
    }

    /// <summary>Kills everything still in the cgroup and removes it (retrying while the killed processes exit).</summary>
    public void Remove()
    {
        lock (_lock)
        {
            if (_removed)
            {
                return;
            }
            PeakMemoryBytesUnlocked();
            _removed = true;
            _peak?.Dispose();
        }
        // A killed process leaves its cgroup as it exits, which takes a moment; rmdir fails with EBUSY until then.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            KillAll();
            if (TryRemoveDirectories())
            {
                return;
            }
            Thread.Sleep(5);
        }
    }

    private void PeakMemoryBytesUnlocked()
    {
        try
        {
            var text = File.ReadAllText(_peakFile);
            if (long.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                _lastPeak = value;
            }
        }
        catch (IOException)
        {
        }
    }

    public void KillAll()
    {
        foreach (var procs in ProcsFiles)
        {
            try
            {
                foreach (var line in File.ReadAllLines(procs))
                {
                    if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    {
                        Libc.kill(pid, Libc.Sigkill);
                    }
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private bool TryRemoveDirectories()
    {
        var all = true;
        foreach (var directory in Directories)
        {
            try
            {
                // cgroupfs directories hold only control files: rmdir, never a recursive delete.
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory);
                }
            }
            catch (IOException)
            {
                all = false;
            }
        }
        return all;
    }
}
