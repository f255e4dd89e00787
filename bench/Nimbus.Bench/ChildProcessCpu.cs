using System.Globalization;

namespace Nimbus.Bench;

/// <summary>
/// CPU time of this process's descendants (the function environments' sandboxes and runtimes) from /proc: a warm
/// invoke's cost includes the runtime's own work, which the server process's CPU time does not show.
/// </summary>
internal static class ChildProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Total user+system CPU of every live descendant; zero where /proc is not available.</summary>
    public static TimeSpan Total()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                // Fields after the parenthesised command name (which may contain spaces): state ppid … utime(14) stime(15).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }
        var self = Environment.ProcessId;
        long total = 0;
        foreach (var (pid, cpu) in ticks)
        {
            if (IsDescendant(pid, self, parents))
            {
                total += cpu;
            }
        }
        return TimeSpan.FromSeconds(total / TicksPerSecond);
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
