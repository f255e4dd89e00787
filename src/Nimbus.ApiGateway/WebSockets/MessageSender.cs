using System.Net.WebSockets;
using Nimbus.ApiGateway.Monitoring;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// Sends messages to clients — two-way route answers, error frames, PostToConnection — as text when they are UTF-8
/// (binary otherwise), keeping the connection active and counting each for MessageCount and ApiGatewayMessage.
/// </summary>
internal sealed class MessageSender
{
    private readonly ApiGatewayMetrics _metrics;
    private readonly TimeProvider _time;

    public MessageSender(ApiGatewayMetrics metrics, TimeProvider time)
    {
        _metrics = metrics;
        _time = time;
    }

    public async Task<bool> SendAsync(WebSocketConnection connection, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!connection.IsOpen)
        {
            return false;
        }
        // Counted before it leaves, so a client that has the message can already read the metric.
        _metrics.WebSocketMessage(connection.Api, connection.Stage, data.Length);
        connection.Touch(_time.GetUtcNow());
        var type = System.Text.Unicode.Utf8.IsValid(data.Span) ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
        return await connection.SendAsync(data, type, cancellationToken);
    }
}
