using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>
/// Usage plans metering WebSocket API keys (set up with boto3's <c>apigateway</c> client, as for REST APIs): the
/// handshake and every message take from the key's throttle and quota; past them the handshake is refused with 429
/// and a message gets an error frame while the connection stays open. The throttle's rate is so low that no token
/// comes back while the test runs, so only the burst counts.
/// </summary>
[Collection(WebSocketCollection.Name)]
public sealed class WebSocketUsagePlanTests(WebSocketFixture ws)
{
    private const string ConnectRoute = """[r["RouteId"] for r in apigw.get_routes(ApiId=id)["Items"] if r["RouteKey"] == "$connect"][0]""";

    private async Task<(string ApiId, string Throttled, string Quota)> CreateAsync()
    {
        var apiId = await ws.CreateApiAsync(["$connect", "echo"], twoWay: ["echo"], extra: $$"""
            apigw.update_route(ApiId=id, RouteId={{ConnectRoute}}, ApiKeyRequired=True)
            """);
        var keys = await ws.Server.Boto3.RunAsync($$"""
            rest = client("apigateway")
            def keyed_plan(name, **limits):
                key = rest.create_api_key(name=name, enabled=True)
                plan = rest.create_usage_plan(name=name, apiStages=[{"apiId": "{{apiId}}", "stage": "prod"}], **limits)
                rest.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
                return key["value"]
            print(json.dumps({"throttled": keyed_plan("ws-throttled", throttle={"rateLimit": 0.001, "burstLimit": 3}),
                              "quota": keyed_plan("ws-quota", quota={"limit": 2, "period": "DAY"})}))
            """);
        return (apiId, keys.GetProperty("throttled").GetString()!, keys.GetProperty("quota").GetString()!);
    }

    private Task<ClientWebSocket> ConnectAsync(string apiId, string key) =>
        ws.ConnectAsync(apiId, configure: o => o.SetRequestHeader("x-api-key", key));

    /// <summary>The status a refused handshake got.</summary>
    private async Task<HttpStatusCode> RefusedConnectAsync(string apiId, string key)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("x-api-key", key);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(ws.StageUrl(apiId), CancellationToken.None));
        return socket.HttpStatusCode;
    }

    private static async Task<string> ExchangeAsync(ClientWebSocket socket, string phase)
    {
        await WebSocketFixture.SendAsync(socket, """{"action":"echo"}""");
        var answer = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, phase))!).RootElement;
        return answer.TryGetProperty("requestContext", out _) ? "echoed" : answer.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task KeyOverItsThrottle_GetsTooManyRequests_OnMessagesAndOnConnect()
    {
        var (apiId, key, _) = await CreateAsync();

        using var socket = await ConnectAsync(apiId, key);
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await ExchangeAsync(socket, "echo " + i));
        }
        var refusedConnect = await RefusedConnectAsync(apiId, key);

        // Burst 3: the handshake and two messages; the third message is throttled, the connection stays usable.
        Assert.Equal(["echoed", "echoed", "Too Many Requests"], answers);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedConnect);
    }

    [Fact]
    public async Task KeyOverItsQuota_GetsLimitExceeded_OnMessagesAndOnConnect()
    {
        var (apiId, _, key) = await CreateAsync();

        using var socket = await ConnectAsync(apiId, key);
        var first = await ExchangeAsync(socket, "the message within the quota");
        await WebSocketFixture.SendAsync(socket, """{"action":"echo"}""");
        var frame = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the quota's error frame"))!).RootElement;
        var refusedConnect = await RefusedConnectAsync(apiId, key);

        Assert.Equal("echoed", first);
        Assert.Equal("Limit Exceeded", frame.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(frame.GetProperty("connectionId").GetString()));
        Assert.False(string.IsNullOrEmpty(frame.GetProperty("requestId").GetString()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedConnect);
    }
}
