using System.Collections.Concurrent;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// The open connections of this server, by id. Connection ids are unique across APIs, so @connections calls that
/// reach Nimbus without an API id (a function's SDK pointed at AWS_ENDPOINT_URL) still find theirs.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, WebSocketConnection> _connections = new(StringComparer.Ordinal);

    public void Add(WebSocketConnection connection) => _connections[connection.Id] = connection;

    public void Remove(WebSocketConnection connection) => _connections.TryRemove(new KeyValuePair<string, WebSocketConnection>(connection.Id, connection));

    public WebSocketConnection? Find(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection) && connection.IsOpen ? connection : null;

    public int Count => _connections.Count;
}
