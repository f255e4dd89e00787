using System.Globalization;

namespace Nimbus.Execution.RuntimeApi;

/// <summary>
/// Who is on the other end of a Runtime API connection. Sandboxes share the host's network, so any of them could
/// connect to another environment's loopback port; the connection is served only when its client socket is held by a
/// process of the environment itself: the socket's inode (from <c>/proc/net/tcp</c>, found by the client's port) must
/// be among the open files of one of the environment's processes.
/// </summary>
internal static class RuntimePeer
{
    public static bool IsHeldBy(int clientPort, int listenerPort, IReadOnlyCollection<int> processIds)
    {
        if (FindInode(clientPort, listenerPort) is not { } inode)
        {
            return false;
        }
        var target = "socket:[" + inode + "]";
        foreach (var pid in processIds)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd"))
                {
                    if (string.Equals(new FileInfo(fd).LinkTarget, target, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile, or an fd closed between listing and reading: not this one.
            }
        }
        return false;
    }

    /// <summary>The inode of the client socket 127.0.0.1:<paramref name="clientPort"/> → :<paramref name="listenerPort"/>.</summary>
    private static string? FindInode(int clientPort, int listenerPort)
    {
        var local = ":" + clientPort.ToString("X4", CultureInfo.InvariantCulture);
        var remote = ":" + listenerPort.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines("/proc/net/tcp"))
        {
            // "  sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt   uid  timeout inode"
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[2].EndsWith(remote, StringComparison.Ordinal)
                && fields[1].StartsWith("0100007F", StringComparison.Ordinal))
            {
                return fields[9];
            }
        }
        return null;
    }
}
