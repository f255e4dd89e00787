using System.Net;
using System.Net.Sockets;

namespace Nimbus.Execution.RuntimeApi;

/// <summary>
/// The Lambda Runtime API (<c>2018-06-01</c>) of one execution environment, on its own loopback port so that an
/// environment can only ever see and answer its own invocations.
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

    public RuntimeApiServer(IRuntimeApiHandler handler)
    {
        _handler = handler;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoopAsync();
    }

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
            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        bool accepted;
        try
        {
            accepted = await _handler.AcceptsAsync(((IPEndPoint)socket.RemoteEndPoint!).Port);
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
        // Connections end on the cancellation at their next read (or when the runtime process dies), so that an
        // answer being written still reaches the runtime.
        _stopping.Cancel();
        _listener.Dispose();
    }
}
