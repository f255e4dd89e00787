using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nimbus.Execution.RuntimeApi;

/// <summary>
/// Who is on the other end of a Runtime API connection. Environments on the host network could connect to another
/// environment's loopback port; such a connection is served only when its client socket is held by a process of the
/// environment itself: the socket's inode (from <c>/proc/net/tcp</c>, found by the client's port) must be among the
/// open files of one of the environment's processes. On a Unix socket (network-isolated sandboxes, which alone see
/// it) the kernel names the connecting process (<c>SO_PEERCRED</c>): it must be one of the environment's.
/// </summary>
internal static class RuntimePeer
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The pid (in this server's pid namespace) of the process that connected a Unix socket, or null.</summary>
    public static int? UnixPeerProcessId(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        return socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) == 12 ? BitConverter.ToInt32(credentials) : null;
    }

    /// <summary>Whether the peer of an accepted Runtime API connection is one of <paramref name="processIds"/>.</summary>
    public static bool IsOneOf(Socket socket, int listenerPort, IReadOnlyCollection<int> processIds) =>
        socket.AddressFamily == AddressFamily.Unix
            ? UnixPeerProcessId(socket) is { } pid && processIds.Contains(pid)
            : IsHeldBy(((IPEndPoint)socket.RemoteEndPoint!).Port, listenerPort, processIds);

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
