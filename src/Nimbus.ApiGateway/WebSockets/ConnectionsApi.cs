using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.Protocol.Errors;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// The <c>apigatewaymanagementapi</c> (rest-json): PostToConnection, GetConnection and DeleteConnection on
/// <c>/@connections/{connectionId}</c>. Reached on an API's stage URL (<c>{apiId}.execute-api.localhost:4566/{stage}</c>
/// or the path form), or at the edge endpoint itself signed for <c>execute-api</c> — where a function's SDK lands
/// with <c>AWS_ENDPOINT_URL</c>; connection ids are unique, so that needs no API id. Closed or unknown connections are
/// <c>GoneException</c> (410), data over 128 KB <c>PayloadTooLargeException</c> (413).
/// </summary>
internal sealed class ConnectionsApi
{
    private readonly ConnectionRegistry _connections;
    private readonly WebSocketLimits _limits;
    private readonly TimeProvider _time;
    private readonly MessageSender _sender;

    public ConnectionsApi(ConnectionRegistry connections, MessageSender sender, WebSocketLimits limits, TimeProvider time)
    {
        _connections = connections;
        _sender = sender;
        _limits = limits;
        _time = time;
    }

    /// <summary>On an API's own URL: a connection of another API or stage is gone as far as this URL knows.</summary>
    public async Task HandleHostedAsync(HttpContext http, string apiId, string stage, string connectionId)
    {
        var request = new AwsRequestContext(http, new AwsScope(AwsScope.DefaultAccountId, AwsScope.DefaultRegion), WebSocketIds.New(), null);
        http.Response.Headers["x-amzn-RequestId"] = request.RequestId;
        try
        {
            await HandleAsync(http, connectionId, c => c.ApiId == apiId && c.Stage == stage);
        }
        catch (AwsServiceException error) when (!http.Response.HasStarted)
        {
            await RestJsonErrorWriter.Instance.WriteAsync(request, error);
        }
    }

    public async Task HandleAsync(HttpContext http, string connectionId, Func<WebSocketConnection, bool> belongs)
    {
        var method = http.Request.Method;
        byte[]? data = null;
        if (HttpMethods.IsPost(method))
        {
            // The size check comes first: AWS refuses oversized data whatever the connection's state.
            data = await ReadAsync(http.Request, http.RequestAborted) ?? throw new AwsServiceException("PayloadTooLargeException", 413, "Message too long");
        }
        else if (!HttpMethods.IsGet(method) && !HttpMethods.IsDelete(method))
        {
            throw new AwsServiceException("MethodNotAllowedException", 405, $"The method {method} is not allowed for the requested resource");
        }
        var connection = _connections.Find(connectionId) is { } found && belongs(found) ? found : throw Gone();
        if (data is not null)
        {
            if (!await _sender.SendAsync(connection, data, http.RequestAborted))
            {
                throw Gone();
            }
            http.Response.StatusCode = 200;
            http.Response.ContentLength = 0;
        }
        else if (HttpMethods.IsGet(method))
        {
            await WriteConnectionAsync(http.Response, connection);
        }
        else
        {
            await connection.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", TimeSpan.FromSeconds(5), _time);
            http.Response.StatusCode = 204;
        }
    }

    private static AwsServiceException Gone() => new("GoneException", 410, "");

    private async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _limits.MaxMessageBytes)
        {
            return null;
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > _limits.MaxMessageBytes)
            {
                return null;
            }
        }
    }

    private static async Task WriteConnectionAsync(HttpResponse response, WebSocketConnection connection)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("connectedAt", Iso(connection.ConnectedAt));
            json.WriteStartObject("identity");
            json.WriteString("sourceIp", connection.Identity.SourceIp);
            json.WriteString("userAgent", connection.Identity.UserAgent);
            json.WriteEndObject();
            json.WriteString("lastActiveAt", Iso(connection.LastActiveAt));
            json.WriteEndObject();
        }
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
