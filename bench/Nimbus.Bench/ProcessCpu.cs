using System.Globalization;

namespace Nimbus.Bench;

/// <summary>
/// CPU time from /proc: of one process, and of its descendants (the function environments' sandboxes and runtimes).
/// A warm invoke's cost includes the runtime's own work, which the server process's CPU time does not show; and on a
/// shared, loaded machine throughput measures the share of the CPU a server got, CPU per request its cost.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User+system CPU of process <paramref name="pid"/> (all its threads); zero where /proc is not available.</summary>
    public static TimeSpan Own(int pid) => TryRead(pid, out _, out var ticks) ? TimeSpan.FromSeconds(ticks / TicksPerSecond) : TimeSpan.Zero;

    /// <summary>Total user+system CPU of every live descendant of <paramref name="ancestor"/> (default: this process).</summary>
    public static TimeSpan Descendants(int? ancestor = null)
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && TryRead(pid, out var parent, out var cpu))
            {
                parents[pid] = parent;
                ticks[pid] = cpu;
            }
        }
        var root = ancestor ?? Environment.ProcessId;
        long total = 0;
        foreach (var (pid, cpu) in ticks)
        {
            if (IsDescendant(pid, root, parents))
            {
                total += cpu;
            }
        }
        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    /// <summary>
    /// Context switches (voluntary + involuntary) of every thread of <paramref name="pid"/> so far: each one costs
    /// microseconds of kernel time on a virtual machine, which sampled profiles show spread over the whole invoke path.
    /// </summary>
    public static long ContextSwitches(int pid)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended while being read.
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        return total;
    }

    private static bool TryRead(int pid, out int parent, out long ticks)
    {
        parent = 0;
        ticks = 0;
        try
        {
            // Fields after the parenthesised command name (which may contain spaces): state ppid … utime(14) stime(15).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // The process ended while being read.
            return false;
        }
    }

    private static bool IsDescendant(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var depth = 0; depth < 64 && parents.TryGetValue(pid, out var parent) && parent > 1; depth++)
        {
            if (parent == ancestor)
            {
                return true;
            }
            pid = parent;
        }
        return false;
    }
}
