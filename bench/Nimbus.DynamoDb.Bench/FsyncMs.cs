using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Nimbus.DynamoDb.Bench;

/// <summary>What one fsync costs on a file system right now: the floor under a durable write's latency.</summary>
internal static class FsyncMs
{
    /// <summary>
    /// The median time (ms) of fsync after rewriting 4 KB of an existing file in <paramref name="directory"/>, as a
    /// SQLite WAL is rewritten in place once a checkpoint restarted it.
    /// </summary>
    public static double Measure(string directory, int samples)
    {
        var path = Path.Combine(directory, "nimbus-ddb-bench-fsync-" + Guid.NewGuid().ToString("N")[..8]);
        var block = new byte[4096];
        var times = new List<double>(samples);
        try
        {
            using SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(file, new byte[block.Length * samples], 0);
            RandomAccess.FlushToDisk(file);
            for (var i = 0; i < samples; i++)
            {
                RandomAccess.Write(file, block, (long)i * block.Length);
                var started = Stopwatch.GetTimestamp();
                RandomAccess.FlushToDisk(file);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        finally
        {
            File.Delete(path);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
