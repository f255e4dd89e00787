using System.Net;
using System.Net.Sockets;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution.RuntimeApi;

/// <summary>
/// The Lambda Runtime API (<c>2018-06-01</c>) of one execution environment, on its own listener so that an environment
/// can only ever see and answer its own invocations: a Unix socket in the environment's run directory, bind-mounted
/// into its network-isolated sandbox (nothing else can reach it), or, for environments on the host network, a
/// loopback port of its own.
/// </summary>
internal sealed class RuntimeApiServer : IDisposable
{
    /// <summary>
    /// Synchronous response limit: 6 MB plus the 100 bytes of slack the Lambda service allows (AWS reports it as
    /// "maximum allowed payload size (6291556 bytes)").
    /// </summary>
    public const int MaxResponseBytes = 6291556;

    private readonly Socket _listener;
    private readonly IRuntimeApiHandler _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _socketPath;
    private readonly string? _ownedDirectory;
    private int _disposed;

    private RuntimeApiServer(IRuntimeApiHandler handler, Socket listener, string? socketPath, string? ownedDirectory)
    {
        _handler = handler;
        _listener = listener;
        _socketPath = socketPath;
        _ownedDirectory = ownedDirectory;
        Port = listener.LocalEndPoint is IPEndPoint ip ? ip.Port : SandboxNetwork.RuntimeApiPort;
        _ = AcceptLoopAsync();
    }

    /// <summary>A listener on a loopback port of its own, for a runtime on the host network.</summary>
    public static RuntimeApiServer OnLoopback(IRuntimeApiHandler handler)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        return new RuntimeApiServer(handler, listener, null, null);
    }

    /// <summary>
    /// A listener on <see cref="SandboxNetwork.RuntimeApiSocketName"/> in <paramref name="runDirectory"/>, for a
    /// network-isolated sandbox; the directory is removed with the server when <paramref name="ownsDirectory"/>.
    /// </summary>
    public static RuntimeApiServer OnUnixSocket(IRuntimeApiHandler handler, string runDirectory, bool ownsDirectory)
    {
        var path = Path.Combine(runDirectory, SandboxNetwork.RuntimeApiSocketName);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new RuntimeApiServer(handler, listener, path, ownsDirectory ? runDirectory : null);
    }

    /// <summary>The loopback port (the sandbox's own 9001 for a Unix-socket server).</summary>
    public int Port { get; }

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (socket.AddressFamily != AddressFamily.Unix)
            {
                socket.NoDelay = true;
            }
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        bool accepted;
        try
        {
            accepted = await _handler.AcceptsAsync(socket);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            accepted = false;
        }
        if (accepted)
        {
            await ServeAcceptedAsync(socket);
        }
        else
        {
            // Not one of this environment's processes: it gets nothing, not even an HTTP answer.
            socket.Dispose();
        }
    }

    private async Task ServeAcceptedAsync(Socket socket)
    {
        try
        {
            await new RuntimeApiConnection(socket, _handler).RunAsync(_stopping.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException
            or ObjectDisposedException or InvalidDataException)
        {
            // The runtime went away or spoke garbage: the connection ends, the environment's fate is decided elsewhere.
        }
        finally
        {
            socket.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Connections end on the cancellation at their next read (or when the runtime process dies), so that an
        // answer being written still reaches the runtime.
        _stopping.Cancel();
        _listener.Dispose();
        try
        {
            if (_ownedDirectory is not null)
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            else if (_socketPath is not null)
            {
                File.Delete(_socketPath);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Still mounted by a sandbox being torn down: the engine's directory is removed at shutdown.
        }
    }
}
