using System.Net;
using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>Lambda TOKEN and REQUEST authorizers of REST APIs allowing, denying, failing and caching.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RestAuthorizerTests(GatewayFixture gateway) : IAsyncLifetime
{
    /// <summary>Answers by the token: allow…, deny…, "unauthorized" (throws Unauthorized) or "bad" (no policy).</summary>
    private const string AuthorizerJs = """
        exports.handler = async (event) => {
          const h = event.headers || {};
          const token = event.type === "TOKEN" ? event.authorizationToken : (h["X-Token"] || h["x-token"] || "");
          if (token === "unauthorized") throw new Error("Unauthorized");
          if (token === "bad") return { principalId: "x" };
          return { principalId: "user-1",
            policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: token.startsWith("allow") ? "Allow" : "Deny", Resource: event.methodArn }] },
            context: { user: "alice", nonce: Math.random().toString(36).slice(2), type: event.type, methodArn: event.methodArn, count: 7, ok: true,
                       user_q: (event.queryStringParameters || {}).user || "" } };
        };
        """;

    private JsonElement _ids;

    private string ApiId => _ids.GetProperty("api").GetString()!;

    public async Task InitializeAsync()
    {
        _ids = await RestScripts.RunAsync(gateway, $$"""
            lam = client("lambda")
            fn = lam.create_function(FunctionName="restauth-" + os.urandom(4).hex(), Runtime="nodejs20.x", Handler="index.handler",
                Role="arn:aws:iam::000000000000:role/r", Code={"ZipFile": zip_of({"index.js": {{JsonSerializer.Serialize(AuthorizerJs)}}})})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName=fn)
            api, root = new_api("auth")
            token = apigw.create_authorizer(restApiId=api, name="token", type="TOKEN", authorizerUri=lambda_uri(fn),
                identitySource="method.request.header.Authorization", identityValidationExpression="(allow|deny|unauthorized|bad).*",
                authorizerResultTtlInSeconds=0)["id"]
            cached = apigw.create_authorizer(restApiId=api, name="cached", type="TOKEN", authorizerUri=lambda_uri(fn),
                identitySource="method.request.header.Authorization", authorizerResultTtlInSeconds=300)["id"]
            request = apigw.create_authorizer(restApiId=api, name="request", type="REQUEST", authorizerUri=lambda_uri(fn),
                identitySource="method.request.header.X-Token, method.request.querystring.user", authorizerResultTtlInSeconds=0)["id"]
            for name, auth_id in [("token", token), ("cached", cached), ("request", request)]:
                proxy(api, resource(api, root, name), "GET", "{{gateway.EchoArn}}", auth="CUSTOM", authorizerId=auth_id)
            deploy(api)
            print(json.dumps({"api": api}))
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> CallAsync(string path, string? header, string headerName = "Authorization") =>
        gateway.GetAsync(ApiId, path, r =>
        {
            if (header is not null)
            {
                r.Headers.TryAddWithoutValidation(headerName, header);
            }
        });

    [Fact]
    public async Task Token_Allow_ReachesTheFunctionWithPrincipalAndFlattenedContext()
    {
        var evt = await GatewayFixture.EventOf(await CallAsync("/prod/token", "allow-me"));
        var authorizer = evt.GetProperty("requestContext").GetProperty("authorizer");

        Assert.Equal("user-1", authorizer.GetProperty("principalId").GetString());
        Assert.Equal("alice", authorizer.GetProperty("user").GetString());
        Assert.Equal("TOKEN", authorizer.GetProperty("type").GetString());
        Assert.Equal(7, authorizer.GetProperty("count").GetInt32());
        Assert.True(authorizer.GetProperty("ok").GetBoolean());
        Assert.True(authorizer.TryGetProperty("integrationLatency", out _));
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{ApiId}/prod/GET/token", authorizer.GetProperty("methodArn").GetString());
    }

    [Theory]
    [InlineData(null, 401, "Unauthorized")]
    [InlineData("nope", 401, "Unauthorized")]
    [InlineData("unauthorized", 401, "Unauthorized")]
    [InlineData("deny-me", 403, "User is not authorized to access this resource with an explicit deny")]
    [InlineData("bad", 500, null)]
    public async Task Token_RefusalsCarryAwsStatusAndMessage(string? token, int status, string? message)
    {
        var response = await CallAsync("/prod/token", token);
        var body = await RestScripts.JsonOf(response);

        Assert.Equal(status, (int)response.StatusCode);
        if (message is null)
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty("message").ValueKind);
        }
        else
        {
            Assert.Equal(message, body.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Token_ResultIsCachedPerToken_UntilTheStageCacheIsFlushed()
    {
        async Task<string> NonceAsync(string token) =>
            (await GatewayFixture.EventOf(await CallAsync("/prod/cached", token))).GetProperty("requestContext").GetProperty("authorizer").GetProperty("nonce").GetString()!;

        var first = await NonceAsync("allow-a");
        var again = await NonceAsync("allow-a");
        var other = await NonceAsync("allow-b");
        await RestScripts.RunAsync(gateway, $$"""
            apigw.flush_stage_authorizers_cache(restApiId="{{ApiId}}", stageName="prod")
            print("{}")
            """);
        var flushed = await NonceAsync("allow-a");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, flushed);
    }

    [Fact]
    public async Task Request_AllowsWithEveryIdentitySource_AndGetsTheRequestEvent()
    {
        var evt = await GatewayFixture.EventOf(await gateway.GetAsync(ApiId, "/prod/request?user=bob", r => r.Headers.Add("X-Token", "allow")));
        var authorizer = evt.GetProperty("requestContext").GetProperty("authorizer");

        Assert.Equal("REQUEST", authorizer.GetProperty("type").GetString());
        Assert.Equal("bob", authorizer.GetProperty("user_q").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{ApiId}/prod/GET/request", authorizer.GetProperty("methodArn").GetString());
    }

    [Fact]
    public async Task Request_MissingSourceIs401_AndDenyIs403()
    {
        var missingQuery = await gateway.GetAsync(ApiId, "/prod/request", r => r.Headers.Add("X-Token", "allow"));
        var denied = await gateway.GetAsync(ApiId, "/prod/request?user=bob", r => r.Headers.Add("X-Token", "deny"));

        Assert.Equal(HttpStatusCode.Unauthorized, missingQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("AccessDeniedException", denied.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
