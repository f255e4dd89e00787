using System.Net.WebSockets;
using System.Text.Json;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>The @connections management API, from a function inside its sandbox and from boto3's apigatewaymanagementapi.</summary>
[Collection(WebSocketCollection.Name)]
public sealed class ConnectionsApiTests(WebSocketFixture ws)
{
    [Fact]
    public async Task Function_PushesToItsClient_ThroughConnections()
    {
        using var socket = await ws.ConnectAsync(ws.ApiId);

        await WebSocketFixture.SendAsync(socket, """{"action":"push","text":"hello from the function"}""");

        // "push" is one-way: the only message is the one the function posted to its own connection.
        Assert.Equal("hello from the function", await WebSocketFixture.ReceiveAsync(socket, "the function's push"));
    }

    [Fact]
    public async Task Boto3_PostGetDelete_AndGoneAfterClose()
    {
        using var socket = await ws.ConnectAsync(ws.ApiId);
        var connectionId = await ConnectionIdOf(socket);

        var result = await ws.Server.Boto3.RunAsync($$"""
            api = boto3.client("apigatewaymanagementapi", config=Config(retries={"max_attempts": 1}), endpoint_url="{{ws.ManagementEndpoint(ws.ApiId)}}")
            edge = client("apigatewaymanagementapi")
            api.post_to_connection(ConnectionId="{{connectionId}}", Data=b"from boto3")
            edge.post_to_connection(ConnectionId="{{connectionId}}", Data=b"through the edge endpoint")
            got = api.get_connection(ConnectionId="{{connectionId}}")
            too_big = error_of(lambda: api.post_to_connection(ConnectionId="{{connectionId}}", Data=b"x" * (128 * 1024 + 1)))
            wrong_stage = error_of(lambda: boto3.client("apigatewaymanagementapi", config=Config(retries={"max_attempts": 1}), endpoint_url="{{ws.ManagementEndpoint(ws.ApiId, "other")}}").get_connection(ConnectionId="{{connectionId}}"))
            print(json.dumps({"connectedAt": got["ConnectedAt"].isoformat(), "lastActiveAt": got["LastActiveAt"].isoformat(),
                "identity": got["Identity"], "tooBig": too_big, "wrongStage": wrong_stage}))
            """);

        Assert.Equal("from boto3", await WebSocketFixture.ReceiveAsync(socket, "boto3's post"));
        Assert.Equal("through the edge endpoint", await WebSocketFixture.ReceiveAsync(socket, "the post signed for execute-api at the edge"));
        Assert.Equal("127.0.0.1", result.GetProperty("identity").GetProperty("SourceIp").GetString());
        Assert.Equal("nimbus-tests/1.0", result.GetProperty("identity").GetProperty("UserAgent").GetString());
        Assert.True(DateTimeOffset.Parse(result.GetProperty("lastActiveAt").GetString()!) >= DateTimeOffset.Parse(result.GetProperty("connectedAt").GetString()!));
        Assert.Equal("PayloadTooLargeException", result.GetProperty("tooBig").GetProperty("code").GetString());
        Assert.Equal(413, result.GetProperty("tooBig").GetProperty("status").GetInt32());
        Assert.Equal("GoneException", result.GetProperty("wrongStage").GetProperty("code").GetString());

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await ws.RecordedAsync("disconnect", connectionId);
        var gone = await ws.Server.Boto3.RunAsync($$"""
            api = boto3.client("apigatewaymanagementapi", config=Config(retries={"max_attempts": 1}), endpoint_url="{{ws.ManagementEndpoint(ws.ApiId)}}")
            print(json.dumps({"post": error_of(lambda: api.post_to_connection(ConnectionId="{{connectionId}}", Data=b"late")),
                "get": error_of(lambda: api.get_connection(ConnectionId="{{connectionId}}")),
                "delete": error_of(lambda: api.delete_connection(ConnectionId="{{connectionId}}"))}))
            """);
        foreach (var operation in new[] { "post", "get", "delete" })
        {
            Assert.Equal("GoneException", gone.GetProperty(operation).GetProperty("code").GetString());
            Assert.Equal(410, gone.GetProperty(operation).GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task DeleteConnection_ClosesTheClient_AndRunsDisconnect()
    {
        using var socket = await ws.ConnectAsync(ws.ApiId);
        var connectionId = await ConnectionIdOf(socket);

        await ws.Server.Boto3.RunAsync($$"""
            boto3.client("apigatewaymanagementapi", config=Config(retries={"max_attempts": 1}), endpoint_url="{{ws.ManagementEndpoint(ws.ApiId)}}").delete_connection(ConnectionId="{{connectionId}}")
            print("{}")
            """);

        Assert.Null(await WebSocketFixture.ReceiveAsync(socket, "the close DeleteConnection sends"));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var disconnect = await ws.RecordedAsync("disconnect", connectionId);
        Assert.Equal(1000, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
    }

    private static async Task<string> ConnectionIdOf(ClientWebSocket socket)
    {
        await WebSocketFixture.SendAsync(socket, """{"action":"echo"}""");
        var echo = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the echo that tells the connection id"))!).RootElement;
        return echo.GetProperty("requestContext").GetProperty("connectionId").GetString()!;
    }
}
