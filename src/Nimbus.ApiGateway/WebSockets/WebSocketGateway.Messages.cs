using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.WebSockets;

internal sealed partial class WebSocketGateway
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads messages until the connection ends and says how it ended (the <c>$disconnect</c> event's code and reason).
    /// Each receive returns data of one frame at most, so a receive that fills a buffer one byte larger than the frame
    /// limit has met a frame over 32 KB. Messages are handled concurrently, as API Gateway does.
    /// </summary>
    private async Task<(int Code, string Reason)> ReceiveAsync(WebSocketConnection connection)
    {
        var frame = new byte[_limits.MaxFrameBytes + 1];
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await connection.Socket.ReceiveAsync(frame.AsMemory(), connection.Aborted);
            }
            catch (Exception error) when (error is OperationCanceledException or WebSocketException or IOException)
            {
                // Dropped without a close handshake: 1006, as RFC 6455 reports an abnormal closure.
                return connection.ServerClose is { } server ? ((int)server.Code, server.Reason) : (1006, "Connection closed abnormally");
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (connection.ServerClose is { } server)
                {
                    return ((int)server.Code, server.Reason);
                }
                var socket = connection.Socket;
                await connection.AnswerCloseAsync();
                return socket.CloseStatus is { } code and not WebSocketCloseStatus.Empty
                    ? ((int)code, socket.CloseStatusDescription ?? "")
                    : (1005, "Client-side close frame status not set");
            }
            if (!connection.IsOpen)
            {
                // Closing: what arrives until the client answers the close is dropped.
                continue;
            }
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                // "API Gateway WebSocket APIs don't support binary frames in incoming message payloads" — 1003.
                _ = connection.CloseAsync(WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported", CloseGrace, _time);
                continue;
            }
            if (result.Count > _limits.MaxFrameBytes || message.WrittenCount + result.Count > _limits.MaxMessageBytes)
            {
                _ = connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", CloseGrace, _time);
                continue;
            }
            message.Write(frame.AsSpan(0, result.Count));
            if (result.EndOfMessage)
            {
                connection.Touch(_time.GetUtcNow());
                var body = message.WrittenSpan.ToArray();
                message.ResetWrittenCount();
                _ = HandleMessageAsync(connection, body);
            }
        }
    }

    private async Task HandleMessageAsync(WebSocketConnection connection, byte[] body)
    {
        var api = connection.Api;
        var requestId = WebSocketIds.New();
        _metrics.WebSocketMessage(api, connection.Stage, body.Length);
        try
        {
            if (Current(connection) is not var (stage, deployment))
            {
                await SendErrorAsync(connection, "Forbidden", requestId);
                return;
            }
            var routeKey = RouteSelector.Select(_service.FindForDataPlane(connection.ApiId)?.Api.RouteSelectionExpression, body);
            var route = routeKey is not (ProtocolRules.Connect or ProtocolRules.Disconnect) && deployment.RoutesByKey.TryGetValue(routeKey, out var selected)
                ? selected
                : deployment.RoutesByKey.GetValueOrDefault(RouteKeys.Default);
            if (route is null)
            {
                // No route for the message and no $default: AWS answers on the socket, not by closing it.
                _metrics.WebSocket(api, connection.Stage, "ClientError");
                await SendErrorAsync(connection, "Forbidden", requestId);
                return;
            }
            if (_keys.CheckMessage(connection, route.RouteKey!) is { } limited)
            {
                _metrics.WebSocket(api, connection.Stage, "ClientError");
                await SendErrorAsync(connection, limited, requestId);
                return;
            }
            if (deployment.IntegrationOf(route) is not { } integration)
            {
                _metrics.WebSocket(api, connection.Stage, "ExecutionError");
                await SendErrorAsync(connection, "Internal server error", requestId);
                return;
            }
            var text = StrictUtf8.GetString(body);
            var payload = WebSocketEvents.Message(connection, route.RouteKey!, WebSocketIds.New(), requestId, _time.GetUtcNow(), text);
            var result = await _integration.InvokeAsync(api, stage, integration, payload, connection.Aborted);
            Measure(connection, result);
            if (result.Response is not { } response)
            {
                await SendErrorAsync(connection, "Internal server error", requestId);
                return;
            }
            if (deployment.TwoWayRouteIds.Contains(route.RouteId!) && response.Body.Length > 0)
            {
                await _sender.SendAsync(connection, response.Body, CancellationToken.None);
            }
        }
        catch (DecoderFallbackException)
        {
            // A text frame that is not UTF-8 breaks the protocol (RFC 6455 §8.1): 1007.
            await connection.CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "Invalid UTF-8 in text frame", CloseGrace, _time);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogMessages.Unhandled(_logger, error, connection.ApiId, "MESSAGE", connection.Stage);
            await SendErrorAsync(connection, "Internal server error", requestId);
        }
        catch (OperationCanceledException)
        {
            // The connection ended while the integration ran.
        }
    }

    /// <summary>API Gateway's error frame, e.g. <c>{"message": "Forbidden", "connectionId":"…", "requestId":"…"}</c> (its spacing).</summary>
    private Task<bool> SendErrorAsync(WebSocketConnection connection, string message, string requestId) =>
        _sender.SendAsync(connection, Encoding.UTF8.GetBytes($"{{\"message\": \"{message}\", \"connectionId\":\"{connection.Id}\", \"requestId\":\"{requestId}\"}}"), CancellationToken.None);

    /// <summary>Closes connections that are idle too long or open too long (1001 Going away, as API Gateway).</summary>
    private async Task WatchAsync(WebSocketConnection connection, CancellationToken ended)
    {
        while (!ended.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var idleAt = connection.LastActiveAt + _limits.IdleTimeout;
            var endAt = connection.ConnectedAt + _limits.MaxConnectionDuration;
            var at = idleAt < endAt ? idleAt : endAt;
            if (at <= now)
            {
                await connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Going away", CloseGrace, _time);
                return;
            }
            try
            {
                await Task.Delay(at - now, _time, ended);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
