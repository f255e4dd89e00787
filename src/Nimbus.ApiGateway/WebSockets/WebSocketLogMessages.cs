using Microsoft.Extensions.Logging;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>WebSocket API log messages (event ids 6060–6069 of API Gateway's 6000–6099).</summary>
internal static partial class WebSocketLogMessages
{
    [LoggerMessage(EventId = 6060, Level = LogLevel.Debug, Message = "API {ApiId}: WebSocket connection {ConnectionId} opened")]
    public static partial void Connected(ILogger logger, string apiId, string connectionId);

    [LoggerMessage(EventId = 6061, Level = LogLevel.Debug, Message = "API {ApiId}: WebSocket connection {ConnectionId} closed with {Code}")]
    public static partial void Disconnected(ILogger logger, string apiId, string connectionId, int code);
}
