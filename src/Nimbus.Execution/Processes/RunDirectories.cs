using System.Globalization;

namespace Nimbus.Execution.Processes;

/// <summary>
/// The host directories that network-isolated sandboxes see at <see cref="SandboxNetwork.SandboxRunDirectory"/>, one
/// per sandbox, holding its Runtime API socket. They live under a short temp path (<c>/tmp/nimbus-net/…</c>) because a
/// Unix socket path is limited to 107 bytes, whatever the data directory's length. One root per engine; roots of
/// servers that died (killed before they could clean up) are removed when the next one starts.
/// </summary>
internal sealed class RunDirectories : IDisposable
{
    private static int _instances;

    public RunDirectories()
    {
        Root = Path.Combine(Base, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-"
            + Interlocked.Increment(ref _instances).ToString(CultureInfo.InvariantCulture));
        RemoveStale();
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary><c>$TMPDIR/nimbus-net</c>, or <c>/tmp/nimbus-net</c> when TMPDIR is too long for socket paths.</summary>
    internal static string Base
    {
        get
        {
            var temp = Path.Combine(Path.GetTempPath(), "nimbus-net");
            return temp.Length <= 40 ? temp : "/tmp/nimbus-net";
        }
    }

    /// <summary>A new, empty run directory for one sandbox.</summary>
    public string Create()
    {
        var directory = Path.Combine(Root, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// A new directory for the edge endpoint's Unix socket (bind-mounted into every isolated sandbox), returning the
    /// socket's path; for the host to listen on before any sandbox starts.
    /// </summary>
    public static string CreateEdgeSocketPath()
    {
        var directory = Path.Combine(Base, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-edge-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "edge.sock");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveStale()
    {
        if (!Directory.Exists(Base))
        {
            return;
        }
        foreach (var directory in Directory.EnumerateDirectories(Base))
        {
            var name = Path.GetFileName(directory);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), CultureInfo.InvariantCulture, out var pid) && !Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
