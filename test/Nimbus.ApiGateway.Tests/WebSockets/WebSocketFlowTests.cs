using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>Connect, route, answer and disconnect through a real WebSocket client, with the Lambda events compared field by field.</summary>
[Collection(WebSocketCollection.Name)]
public sealed partial class WebSocketFlowTests(WebSocketFixture ws)
{
    [Fact]
    public async Task Connect_Message_Disconnect_EventsAreAwsShaped()
    {
        using var socket = await ws.ConnectAsync(ws.ApiId, "?name=alice&tag=a&tag=b", hostForm: true, o => o.SetRequestHeader("X-Custom", "one"));

        await WebSocketFixture.SendAsync(socket, """{"action":"echo","x":1}""");
        var message = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the echo route's answer"))!).RootElement;
        var context = message.GetProperty("requestContext");
        var connectionId = context.GetProperty("connectionId").GetString()!;
        Assert.Equal("echo", context.GetProperty("routeKey").GetString());
        Assert.Equal("MESSAGE", context.GetProperty("eventType").GetString());
        Assert.Equal("IN", context.GetProperty("messageDirection").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal(ws.ApiId, context.GetProperty("apiId").GetString());
        Assert.Equal($"{ws.ApiId}.execute-api.localhost", context.GetProperty("domainName").GetString());
        Assert.Matches(IdPattern(), connectionId);
        Assert.Matches(IdPattern(), context.GetProperty("messageId").GetString()!);
        Assert.Equal(context.GetProperty("requestId").GetString(), context.GetProperty("extendedRequestId").GetString());
        Assert.Matches(RequestTimePattern(), context.GetProperty("requestTime").GetString()!);
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("nimbus-tests/1.0", context.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.True(context.GetProperty("requestTimeEpoch").GetInt64() >= context.GetProperty("connectedAt").GetInt64());
        Assert.Equal("""{"action":"echo","x":1}""", message.GetProperty("body").GetString());
        Assert.False(message.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(message.TryGetProperty("headers", out _));

        var connect = await ws.RecordedAsync("connect", connectionId);
        var connectContext = connect.GetProperty("requestContext");
        Assert.Equal("$connect", connectContext.GetProperty("routeKey").GetString());
        Assert.Equal("CONNECT", connectContext.GetProperty("eventType").GetString());
        Assert.Equal(context.GetProperty("connectedAt").GetInt64(), connectContext.GetProperty("connectedAt").GetInt64());
        Assert.False(connectContext.TryGetProperty("messageId", out _));
        Assert.Equal("one", connect.GetProperty("headers").GetProperty("X-Custom").GetString());
        Assert.Equal($"{ws.ApiId}.execute-api.localhost", connect.GetProperty("headers").GetProperty("Host").GetString());
        Assert.Equal("13", connect.GetProperty("headers").GetProperty("Sec-WebSocket-Version").GetString());
        Assert.Equal("127.0.0.1", connect.GetProperty("headers").GetProperty("X-Forwarded-For").GetString());
        Assert.Equal("one", connect.GetProperty("multiValueHeaders").GetProperty("X-Custom")[0].GetString());
        Assert.Equal("alice", connect.GetProperty("queryStringParameters").GetProperty("name").GetString());
        Assert.Equal(["a", "b"], connect.GetProperty("multiValueQueryStringParameters").GetProperty("tag").EnumerateArray().Select(v => v.GetString()));
        Assert.False(connect.TryGetProperty("body", out _));

        // Not JSON: the selection expression finds nothing, so $default (two-way) answers.
        await WebSocketFixture.SendAsync(socket, "plain text");
        var fallback = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the $default route's answer"))!).RootElement;
        Assert.Equal("$default", fallback.GetProperty("requestContext").GetProperty("routeKey").GetString());
        Assert.Equal("plain text", fallback.GetProperty("body").GetString());

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        var disconnect = await ws.RecordedAsync("disconnect", connectionId);
        var disconnectContext = disconnect.GetProperty("requestContext");
        Assert.Equal("$disconnect", disconnectContext.GetProperty("routeKey").GetString());
        Assert.Equal("DISCONNECT", disconnectContext.GetProperty("eventType").GetString());
        Assert.Equal(1000, disconnectContext.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal("bye", disconnectContext.GetProperty("disconnectReason").GetString());
        Assert.Equal(connectionId, disconnectContext.GetProperty("connectionId").GetString());
    }

    [Fact]
    public async Task Connect_FunctionAnswersNon2xx_RefusesTheUpgradeWithItsStatus()
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(ws.ApiId, "?reject=401"));
        Assert.Contains("401", refused.Message);
        var failed = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(ws.ApiId, "?fail=1"));
        Assert.Contains("502", failed.Message);
        var unknownStage = await Assert.ThrowsAsync<WebSocketException>(() => ConnectToStage("nope"));
        Assert.Contains("403", unknownStage.Message);
    }

    private async Task ConnectToStage(string stage)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(ws.StageUrl(ws.ApiId, stage: stage), CancellationToken.None);
    }

    [Fact]
    public async Task Message_NoMatchingRouteAndNoDefault_GetsForbiddenFrame_AndFunctionErrorsGetInternalServerError()
    {
        var apiId = await ws.CreateApiAsync(["echo", "fail"], twoWay: ["echo"]);
        using var socket = await ws.ConnectAsync(apiId);

        await WebSocketFixture.SendAsync(socket, """{"action":"nothing-here"}""");
        var forbidden = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the Forbidden frame"))!).RootElement;
        Assert.Equal("Forbidden", forbidden.GetProperty("message").GetString());
        Assert.Matches(IdPattern(), forbidden.GetProperty("connectionId").GetString()!);
        Assert.Matches(IdPattern(), forbidden.GetProperty("requestId").GetString()!);

        await WebSocketFixture.SendAsync(socket, """{"action":"fail"}""");
        var error = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the error frame of a failing function"))!).RootElement;
        Assert.Equal("Internal server error", error.GetProperty("message").GetString());
        Assert.Equal(forbidden.GetProperty("connectionId").GetString(), error.GetProperty("connectionId").GetString());
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Message_Over128KB_ClosesWith1009_AndFrameOver32KB_Too()
    {
        var apiId = await ws.CreateApiAsync(["echo"], twoWay: ["echo"]);
        using (var socket = await ws.ConnectAsync(apiId))
        {
            var chunk = new byte[16 * 1024];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < 9; i++)
            {
                await socket.SendAsync(chunk, WebSocketMessageType.Text, endOfMessage: i == 8, CancellationToken.None);
            }
            Assert.Null(await WebSocketFixture.ReceiveAsync(socket, "the close after 144 KB"));
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        }
        using (var socket = await ws.ConnectAsync(apiId))
        {
            var frame = new byte[40 * 1024];
            Array.Fill(frame, (byte)'b');
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            Assert.Null(await WebSocketFixture.ReceiveAsync(socket, "the close after a 40 KB frame"));
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{15}=$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$")]
    private static partial Regex RequestTimePattern();
}
