using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

/// <summary>JWT authorizers (a real local issuer with JWKS) and Lambda REQUEST authorizers allowing and denying.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizerTests(GatewayFixture gateway) : IAsyncLifetime
{
    private JwtIssuer _issuer = null!;
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        _issuer = await JwtIssuer.StartAsync();
        var api = await gateway.Boto3Async($$"""
            id = apigw.create_api(Name="auth", ProtocolType="HTTP")["ApiId"]
            i = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoArn}}", PayloadFormatVersion="2.0")["IntegrationId"]
            v1 = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoArn}}", PayloadFormatVersion="1.0")["IntegrationId"]
            jwt = apigw.create_authorizer(ApiId=id, Name="jwt", AuthorizerType="JWT", IdentitySource=["$request.header.Authorization"],
                JwtConfiguration={"Issuer": "{{_issuer.Issuer}}", "Audience": ["my-audience"]})["AuthorizerId"]
            simple = apigw.create_authorizer(ApiId=id, Name="simple", AuthorizerType="REQUEST", IdentitySource=["$request.header.Authorization"],
                AuthorizerUri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{{gateway.AuthorizerArn}}/invocations",
                AuthorizerPayloadFormatVersion="2.0", EnableSimpleResponses=True, AuthorizerResultTtlInSeconds=0)["AuthorizerId"]
            cached = apigw.create_authorizer(ApiId=id, Name="cached", AuthorizerType="REQUEST", IdentitySource=["$request.header.Authorization"],
                AuthorizerUri="{{gateway.AuthorizerArn}}", AuthorizerPayloadFormatVersion="2.0", EnableSimpleResponses=True, AuthorizerResultTtlInSeconds=300)["AuthorizerId"]
            iam = apigw.create_authorizer(ApiId=id, Name="iam", AuthorizerType="REQUEST", IdentitySource=["$request.header.Authorization"],
                AuthorizerUri="{{gateway.IamAuthorizerArn}}", AuthorizerPayloadFormatVersion="2.0")["AuthorizerId"]
            apigw.create_route(ApiId=id, RouteKey="GET /jwt", Target="integrations/" + i, AuthorizationType="JWT", AuthorizerId=jwt)
            apigw.create_route(ApiId=id, RouteKey="GET /jwt/v1", Target="integrations/" + v1, AuthorizationType="JWT", AuthorizerId=jwt)
            apigw.create_route(ApiId=id, RouteKey="GET /scoped", Target="integrations/" + i, AuthorizationType="JWT", AuthorizerId=jwt, AuthorizationScopes=["orders:read"])
            apigw.create_route(ApiId=id, RouteKey="GET /simple", Target="integrations/" + i, AuthorizationType="CUSTOM", AuthorizerId=simple)
            apigw.create_route(ApiId=id, RouteKey="GET /cached", Target="integrations/" + i, AuthorizationType="CUSTOM", AuthorizerId=cached)
            apigw.create_route(ApiId=id, RouteKey="GET /iam/{x}", Target="integrations/" + i, AuthorizationType="CUSTOM", AuthorizerId=iam)
            apigw.create_stage(ApiId=id, StageName="$default", AutoDeploy=True)
            print(json.dumps({"id": id}))
            """);
        _apiId = api.GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    private Task<HttpResponseMessage> GetAsync(string path, string? authorization) =>
        gateway.GetAsync(_apiId, path, r =>
        {
            if (authorization is not null)
            {
                r.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
        });

    [Fact]
    public async Task Jwt_ValidToken_ReachesTheFunctionWithClaims()
    {
        var token = _issuer.Token(new() { ["scope"] = "orders:read profile", ["email"] = "a@example.com" });

        var evt = await GatewayFixture.EventOf(await GetAsync("/jwt", "Bearer " + token));
        var jwt = evt.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt");

        Assert.Equal("user-123", jwt.GetProperty("claims").GetProperty("sub").GetString());
        Assert.Equal("a@example.com", jwt.GetProperty("claims").GetProperty("email").GetString());
        Assert.Equal(_issuer.Issuer, jwt.GetProperty("claims").GetProperty("iss").GetString());
        Assert.Equal(["orders:read", "profile"], jwt.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());

        var v1 = await GatewayFixture.EventOf(await GetAsync("/jwt/v1", token));
        Assert.Equal("user-123", v1.GetProperty("requestContext").GetProperty("authorizer").GetProperty("claims").GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Jwt_BadTokens_Are401Unauthorized()
    {
        var cases = new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["garbage"] = "Bearer not.a.jwt",
            ["expired"] = "Bearer " + _issuer.Token(new() { ["exp"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds() }),
            ["audience"] = "Bearer " + _issuer.Token(new() { ["aud"] = "someone-else" }),
            ["issuer"] = "Bearer " + _issuer.Token(new() { ["iss"] = "https://issuer.example.com" }),
            ["signature"] = "Bearer " + _issuer.Token(signWithStranger: true),
            ["not-yet"] = "Bearer " + _issuer.Token(new() { ["nbf"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() }),
        };
        foreach (var (name, authorization) in cases)
        {
            var response = await GetAsync("/jwt", authorization);
            Assert.True((int)response.StatusCode == 401, $"{name}: {(int)response.StatusCode}");
            Assert.Equal("{\"message\":\"Unauthorized\"}", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Jwt_RouteScopes_MissingScopeIs403()
    {
        var withScope = await GetAsync("/scoped", "Bearer " + _issuer.Token(new() { ["scope"] = "orders:read" }));
        var withoutScope = await GetAsync("/scoped", "Bearer " + _issuer.Token(new() { ["scope"] = "profile" }));
        var scpArray = await GetAsync("/scoped", "Bearer " + _issuer.Token(new() { ["scp"] = new[] { "orders:read" } }));

        Assert.Equal(200, (int)withScope.StatusCode);
        Assert.Equal(403, (int)withoutScope.StatusCode);
        Assert.Equal("{\"message\":\"Forbidden\"}", await withoutScope.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)scpArray.StatusCode);
    }

    [Fact]
    public async Task LambdaSimple_AllowsDeniesAndPassesContext()
    {
        var allowed = await GatewayFixture.EventOf(await GetAsync("/simple", "allow"));
        var denied = await GetAsync("/simple", "deny");
        var missing = await GetAsync("/simple", null);

        var context = allowed.GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        Assert.Equal("alice", context.GetProperty("user").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{_apiId}/$default/GET/simple", context.GetProperty("routeArn").GetString());
        Assert.Equal(["allow"], context.GetProperty("identity").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal(403, (int)denied.StatusCode);
        Assert.Equal("{\"message\":\"Forbidden\"}", await denied.Content.ReadAsStringAsync());
        Assert.Equal(401, (int)missing.StatusCode);
        Assert.Equal("{\"message\":\"Unauthorized\"}", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LambdaCaching_ReusesTheResultForTheSameIdentity_UntilReset()
    {
        string NonceOf(JsonElement evt) => evt.GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda").GetProperty("nonce").GetString()!;

        var first = NonceOf(await GatewayFixture.EventOf(await GetAsync("/cached", "allow")));
        var second = NonceOf(await GatewayFixture.EventOf(await GetAsync("/cached", "allow")));
        var uncached1 = NonceOf(await GatewayFixture.EventOf(await GetAsync("/simple", "allow")));
        var uncached2 = NonceOf(await GatewayFixture.EventOf(await GetAsync("/simple", "allow")));
        await gateway.Server.Cli.JsonAsync("apigatewayv2", "reset-authorizers-cache", "--api-id", _apiId, "--stage-name", "$default");
        var afterReset = NonceOf(await GatewayFixture.EventOf(await GetAsync("/cached", "allow")));

        Assert.Equal(first, second);
        Assert.NotEqual(uncached1, uncached2);
        Assert.NotEqual(first, afterReset);
    }

    [Fact]
    public async Task LambdaIamPolicy_AllowAndDenyOnTheRouteArn()
    {
        var allowed = await GatewayFixture.EventOf(await GetAsync("/iam/1", "allow"));
        var denied = await GetAsync("/iam/1", "nope");

        Assert.Equal("alice", allowed.GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda").GetProperty("user").GetString());
        Assert.Equal(403, (int)denied.StatusCode);
    }
}
