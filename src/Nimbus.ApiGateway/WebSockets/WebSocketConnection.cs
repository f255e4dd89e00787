using System.Net.WebSockets;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// One client connected to a WebSocket API: its socket (one send at a time, as <see cref="WebSocket"/> requires), who
/// opened it and when, and how it ends. The server closes a connection by sending the close frame itself
/// (<see cref="CloseAsync"/>); the receive loop then sees the client's answer and ends with the server's code.
/// </summary>
internal sealed class WebSocketConnection : IDisposable
{
    private WebSocket? _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _abort = new();
    private long _lastActiveTicks;
    private int _closeRequested;

    public WebSocketConnection(string id, ApiDocument api, string stage, string domainName, ConnectionIdentity identity, DateTimeOffset connectedAt)
    {
        Id = id;
        Api = api;
        Stage = stage;
        DomainName = domainName;
        Identity = identity;
        ConnectedAt = connectedAt;
        _lastActiveTicks = connectedAt.UtcTicks;
    }

    public string Id { get; }

    /// <summary>What the <c>$connect</c> Lambda authorizer answered; later events carry it in <c>requestContext.authorizer</c>.</summary>
    public string? PrincipalId { get; set; }
    public System.Text.Json.JsonElement? AuthorizerContext { get; set; }
    public long AuthorizerLatencyMs { get; set; }

    /// <summary>The API key <c>$connect</c> presented, when its route requires one.</summary>
    public string? ApiKey { get; set; }
    public string? ApiKeyId { get; set; }

    /// <summary>The API as it was at connect time: its id, account and region never change.</summary>
    public ApiDocument Api { get; }

    public string ApiId => Api.Api.ApiId!;

    public string Stage { get; }

    public string DomainName { get; }

    public ConnectionIdentity Identity { get; }

    public DateTimeOffset ConnectedAt { get; }

    public DateTimeOffset LastActiveAt => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>The server side of the socket, once <c>$connect</c> has let the client in.</summary>
    public WebSocket Socket => _socket ?? throw new InvalidOperationException("The connection has not been accepted.");

    public void Attach(WebSocket socket) => _socket = socket;

    /// <summary>Cancelled when the connection must end without waiting for the client any longer.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>The code and reason of a close the server started (idle, 2 hours, DeleteConnection, limits); null if the client closed.</summary>
    public (WebSocketCloseStatus Code, string Reason)? ServerClose { get; private set; }

    public bool IsOpen => _socket is { State: WebSocketState.Open } && Volatile.Read(ref _closeRequested) == 0;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    /// <summary>Sends one message; false when the connection is closing or gone (GoneException for @connections).</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return false;
        }
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (!IsOpen)
            {
                return false;
            }
            await Socket.SendAsync(data, type, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or IOException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts a server-side close: sends the close frame and gives the client <paramref name="grace"/> to answer.</summary>
    public async Task CloseAsync(WebSocketCloseStatus code, string reason, TimeSpan grace, TimeProvider time)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
        {
            return;
        }
        ServerClose = (code, reason);
        _abort.CancelAfter(grace);
        await _sendLock.WaitAsync();
        try
        {
            if (_socket is { State: WebSocketState.Open })
            {
                await _socket.CloseOutputAsync(code, reason, _abort.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            _abort.Cancel();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Answers the client's close frame with its own code (RFC 6455 §5.5.1).</summary>
    public async Task AnswerCloseAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket is { State: WebSocketState.CloseReceived } socket)
            {
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription, _abort.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client is gone already; nothing is left to answer.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Releases the socket. The send lock and abort source stay usable: message handlers still running may try to send
    /// (and learn the connection is gone) after the connection has ended.
    /// </summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _closeRequested, 1);
        _socket?.Dispose();
    }
}
