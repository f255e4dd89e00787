using System.Net.WebSockets;
using System.Text.Json;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>
/// <c>$connect</c> guarded by a Lambda REQUEST authorizer and by API keys in a usage plan, with a real WebSocket client:
/// allowed, denied (403), missing identity (401), failing authorizer (500), and the authorizer's principal, context
/// and the key reaching later events.
/// </summary>
[Collection(WebSocketCollection.Name)]
public sealed class WebSocketAuthorizationTests(WebSocketFixture ws)
{
    private const string AuthorizerJs = """
        exports.handler = async (event) => {
          const auth = (event.headers || {}).Auth;
          if (auth === "fail") throw new Error("boom");
          return { principalId: "user-1",
            policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: auth === "allow" ? "Allow" : "Deny", Resource: event.methodArn }] },
            context: { user: "alice", type: event.type, methodArn: event.methodArn, header: auth,
              token: (event.queryStringParameters || {}).token || "", eventType: event.requestContext.eventType } };
        };
        """;

    private const string ConnectRoute = """[r["RouteId"] for r in apigw.get_routes(ApiId=id)["Items"] if r["RouteKey"] == "$connect"][0]""";

    [Fact]
    public async Task LambdaAuthorizer_AllowsDeniesAndFails_AsAws_AndItsContextReachesMessages()
    {
        var created = await ws.Server.Boto3.RunAsync($$"""
            lam = client("lambda")
            arn = lam.create_function(FunctionName="wsauth-" + os.urandom(4).hex(), Runtime="nodejs20.x", Handler="index.handler", Role="arn:aws:iam::000000000000:role/r",
                Code={"ZipFile": zip_of({"index.js": {{JsonSerializer.Serialize(AuthorizerJs)}}})})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName=arn)
            print(json.dumps({"arn": arn}))
            """);
        var authorizerArn = created.GetProperty("arn").GetString()!;
        var apiId = await ws.CreateApiAsync(["$connect", "echo"], twoWay: ["echo"], extra: $$"""
            auth = apigw.create_authorizer(ApiId=id, Name="a", AuthorizerType="REQUEST", IdentitySource=["route.request.header.Auth"],
                AuthorizerUri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{{authorizerArn}}/invocations")["AuthorizerId"]
            apigw.update_route(ApiId=id, RouteId={{ConnectRoute}}, AuthorizationType="CUSTOM", AuthorizerId=auth)
            """);

        using var socket = await ws.ConnectAsync(apiId, "?token=t1", configure: o => o.SetRequestHeader("Auth", "allow"));
        await WebSocketFixture.SendAsync(socket, """{"action":"echo"}""");
        var message = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the echo route's answer"))!).RootElement;
        var authorizer = message.GetProperty("requestContext").GetProperty("authorizer");
        var denied = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(apiId, configure: o => o.SetRequestHeader("Auth", "deny")));
        var missing = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(apiId));
        var failed = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(apiId, configure: o => o.SetRequestHeader("Auth", "fail")));

        Assert.Equal("user-1", authorizer.GetProperty("principalId").GetString());
        Assert.Equal("alice", authorizer.GetProperty("user").GetString());
        Assert.Equal("REQUEST", authorizer.GetProperty("type").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{apiId}/prod/$connect", authorizer.GetProperty("methodArn").GetString());
        Assert.Equal("allow", authorizer.GetProperty("header").GetString());
        Assert.Equal("t1", authorizer.GetProperty("token").GetString());
        Assert.Equal("CONNECT", authorizer.GetProperty("eventType").GetString());
        Assert.True(authorizer.GetProperty("integrationLatency").GetInt64() >= 0);
        Assert.Contains("403", denied.Message);
        Assert.Contains("401", missing.Message);
        Assert.Contains("500", failed.Message);
    }

    [Fact]
    public async Task ApiKeyRequired_OnConnect_NeedsAKeyOfAUsagePlanForTheStage()
    {
        var apiId = await ws.CreateApiAsync(["$connect", "echo"], twoWay: ["echo"], extra: $$"""
            apigw.update_route(ApiId=id, RouteId={{ConnectRoute}}, ApiKeyRequired=True)
            """);
        var keys = await ws.Server.Boto3.RunAsync($$"""
            rest = client("apigateway")
            key = rest.create_api_key(name="ws-key", enabled=True)
            plan = rest.create_usage_plan(name="ws-plan", apiStages=[{"apiId": "{{apiId}}", "stage": "prod"}])
            rest.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
            other = rest.create_api_key(name="not-in-plan", enabled=True)
            print(json.dumps({"key": key["value"], "keyId": key["id"], "other": other["value"]}))
            """);

        using var socket = await ws.ConnectAsync(apiId, configure: o => o.SetRequestHeader("x-api-key", keys.GetProperty("key").GetString()!));
        await WebSocketFixture.SendAsync(socket, """{"action":"echo"}""");
        var identity = JsonDocument.Parse((await WebSocketFixture.ReceiveAsync(socket, "the echo route's answer"))!).RootElement
            .GetProperty("requestContext").GetProperty("identity");
        var without = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(apiId));
        var notInPlan = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(apiId, configure: o => o.SetRequestHeader("x-api-key", keys.GetProperty("other").GetString()!)));

        Assert.Equal(keys.GetProperty("key").GetString(), identity.GetProperty("apiKey").GetString());
        Assert.Equal(keys.GetProperty("keyId").GetString(), identity.GetProperty("apiKeyId").GetString());
        Assert.Contains("403", without.Message);
        Assert.Contains("403", notInPlan.Message);
    }
}
