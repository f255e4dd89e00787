using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Nimbus.Execution.Processes;

/// <summary>
/// The cgroup of one environment: one directory in v2, one per controller (memory, cpu, pids) in v1. Removed when
/// the environment ends, after whatever is still inside has been killed.
/// </summary>
internal sealed class Cgroup
{
    private readonly string _peakFile;
    private readonly string _cpuQuotaFile;
    private readonly string _cpuQuota;
    private readonly byte[] _buffer = new byte[32];
    private readonly Lock _lock = new();
    private SafeFileHandle? _peak;
    private long _lastPeak;
    private bool _removed;

    public Cgroup(string[] directories, string peakFile, string cpuQuotaFile, string cpuQuota)
    {
        Directories = directories;
        _peakFile = peakFile;
        _cpuQuotaFile = cpuQuotaFile;
        _cpuQuota = cpuQuota;
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
