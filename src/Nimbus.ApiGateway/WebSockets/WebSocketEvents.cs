using System.Buffers;
using System.Text.Json;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// The Lambda events of WebSocket APIs, field for field as AWS sends them ("Setting up WebSocket API integrations",
/// the <c>$connect</c>/message/<c>$disconnect</c> examples): <c>headers</c>/<c>multiValueHeaders</c> and the query on CONNECT,
/// <c>body</c> on MESSAGE, <c>disconnectStatusCode</c>/<c>disconnectReason</c> on DISCONNECT, and the same
/// <c>requestContext</c> for all three.
/// </summary>
internal static class WebSocketEvents
{
    public static byte[] Connect(WebSocketConnection connection, string requestId, DateTimeOffset time,
        List<KeyValuePair<string, List<string>>> headers, List<KeyValuePair<string, string>> query) =>
        Write(json =>
        {
            Headers(json, headers);
            Query(json, query);
            RequestContext(json, connection, ProtocolRules.Connect, "CONNECT", requestId, time, null, null);
            json.WriteBoolean("isBase64Encoded", false);
        });

    /// <summary>A <c>$connect</c> REQUEST authorizer's event (AWS's "WebSocket API Lambda authorizer" input).</summary>
    public static byte[] Authorizer(WebSocketConnection connection, ConnectRequest request, string methodArn, IReadOnlyDictionary<string, string>? stageVariables) =>
        Write(json =>
        {
            json.WriteString("type", "REQUEST");
            json.WriteString("methodArn", methodArn);
            Headers(json, request.Headers);
            Query(json, request.Query);
            json.WriteStartObject("stageVariables");
            foreach (var (name, value) in stageVariables ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            RequestContext(json, connection, ProtocolRules.Connect, "CONNECT", request.RequestId, request.Time, null, null);
        });

    private static void Query(Utf8JsonWriter json, List<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0)
        {
            return;
        }
        json.WriteStartObject("queryStringParameters");
        foreach (var group in query.GroupBy(q => q.Key, StringComparer.Ordinal))
        {
            // Single-value form: the last value wins, as in payload format 1.0.
            json.WriteString(group.Key, group.Last().Value);
        }
        json.WriteEndObject();
        json.WriteStartObject("multiValueQueryStringParameters");
        foreach (var group in query.GroupBy(q => q.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(group.Key);
            foreach (var (_, value) in group)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static byte[] Message(WebSocketConnection connection, string routeKey, string messageId, string requestId, DateTimeOffset time, string body) =>
        Write(json =>
        {
            RequestContext(json, connection, routeKey, "MESSAGE", requestId, time, messageId, null);
            json.WriteString("body", body);
            json.WriteBoolean("isBase64Encoded", false);
        });

    public static byte[] Disconnect(WebSocketConnection connection, string requestId, DateTimeOffset time, int statusCode, string reason) =>
        Write(json =>
        {
            // AWS's DISCONNECT events carry these few headers, not the handshake's.
            Headers(json, [
                new("Host", [connection.DomainName]),
                new("x-api-key", [""]),
                new("X-Forwarded-For", [""]),
                new("x-restapi", [""]),
            ]);
            RequestContext(json, connection, ProtocolRules.Disconnect, "DISCONNECT", requestId, time, null, (statusCode, reason));
            json.WriteBoolean("isBase64Encoded", false);
        });

    private static void Headers(Utf8JsonWriter json, List<KeyValuePair<string, List<string>>> headers)
    {
        json.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            json.WriteString(name, string.Join(',', values));
        }
        json.WriteEndObject();
        json.WriteStartObject("multiValueHeaders");
        foreach (var (name, values) in headers)
        {
            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void RequestContext(Utf8JsonWriter json, WebSocketConnection connection, string routeKey, string eventType, string requestId,
        DateTimeOffset time, string? messageId, (int Code, string Reason)? disconnect)
    {
        json.WriteStartObject("requestContext");
        json.WriteString("routeKey", routeKey);
        if (messageId is not null)
        {
            json.WriteString("messageId", messageId);
        }
        if (disconnect is { } close)
        {
            json.WriteNumber("disconnectStatusCode", close.Code);
        }
        json.WriteString("eventType", eventType);
        json.WriteString("extendedRequestId", requestId);
        json.WriteString("requestTime", EventTime.Format(time));
        json.WriteString("messageDirection", "IN");
        if (disconnect is { } closed)
        {
            json.WriteString("disconnectReason", closed.Reason);
        }
        json.WriteString("stage", connection.Stage);
        json.WriteNumber("connectedAt", connection.ConnectedAt.ToUnixTimeMilliseconds());
        json.WriteNumber("requestTimeEpoch", time.ToUnixTimeMilliseconds());
        json.WriteStartObject("identity");
        if (connection.ApiKey is not null)
        {
            json.WriteString("apiKey", connection.ApiKey);
            json.WriteString("apiKeyId", connection.ApiKeyId);
        }
        json.WriteString("userAgent", connection.Identity.UserAgent);
        json.WriteString("sourceIp", connection.Identity.SourceIp);
        json.WriteEndObject();
        if (connection.PrincipalId is not null || connection.AuthorizerContext is not null)
        {
            // WebSocket APIs flatten the authorizer's context next to principalId, as REST APIs do.
            json.WriteStartObject("authorizer");
            if (connection.AuthorizerContext is { } context)
            {
                foreach (var member in context.EnumerateObject())
                {
                    member.WriteTo(json);
                }
            }
            json.WriteString("principalId", connection.PrincipalId);
            json.WriteNumber("integrationLatency", connection.AuthorizerLatencyMs);
            json.WriteEndObject();
        }
        json.WriteString("requestId", requestId);
        json.WriteString("domainName", connection.DomainName);
        json.WriteString("connectionId", connection.Id);
        json.WriteString("apiId", connection.ApiId);
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
