using System.Net;
using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// COGNITO_USER_POOLS authorizers created with boto3 and called over plain HTTP with tokens of two local user pools
/// (one found where Cognito publishes keys under an overridden issuer base, one through a JWKS mapping).
/// </summary>
public sealed class RestCognitoAuthorizerTests(CognitoFixture cognito) : IClassFixture<CognitoFixture>, IAsyncLifetime
{
    private string _apiId = "";

    private CognitoPools Pools => cognito.Pools;

    public async Task InitializeAsync()
    {
        var ids = await RestScripts.RunAsync(cognito.Boto3, $$"""
            def pool_arn(pool):
                return "arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + pool
            api, root = new_api("cognito")
            both = apigw.create_authorizer(restApiId=api, name="pools", type="COGNITO_USER_POOLS",
                providerARNs=[pool_arn("{{CognitoPools.DefaultPool}}"), pool_arn("{{CognitoPools.MappedPool}}")])
            aud = apigw.create_authorizer(restApiId=api, name="aud", type="COGNITO_USER_POOLS", providerARNs=[pool_arn("{{CognitoPools.DefaultPool}}")],
                identitySource="method.request.header.X-Id-Token", identityValidationExpression="{{CognitoPools.ClientId}}")
            proxy(api, resource(api, root, "id"), "GET", "{{cognito.EchoArn}}", auth="COGNITO_USER_POOLS", authorizerId=both["id"])
            proxy(api, resource(api, root, "scoped"), "GET", "{{cognito.EchoArn}}", auth="COGNITO_USER_POOLS", authorizerId=both["id"],
                authorizationScopes=["orders/read", "orders/admin"])
            proxy(api, resource(api, root, "aud"), "GET", "{{cognito.EchoArn}}", auth="COGNITO_USER_POOLS", authorizerId=aud["id"])
            deploy(api)
            print(json.dumps({"api": api, "identitySource": both["identitySource"]}))
            """);
        _apiId = ids.GetProperty("api").GetString()!;
        Assert.Equal("method.request.header.Authorization", ids.GetProperty("identitySource").GetString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonElement> ClaimsOf(HttpResponseMessage response) =>
        (await GatewayFixture.EventOf(response)).GetProperty("requestContext").GetProperty("authorizer").GetProperty("claims");

    [Fact]
    public async Task IdToken_ReachesTheFunction_WithClaimsAsStrings()
    {
        var claims = await ClaimsOf(await cognito.GetAsync(_apiId, "/prod/id", Pools.IdToken()));

        Assert.Equal("5f7b0c1e-user", claims.GetProperty("sub").GetString());
        Assert.Equal("alice", claims.GetProperty("cognito:username").GetString());
        Assert.Equal("true", claims.GetProperty("email_verified").GetString());
        Assert.Equal("1513492092", claims.GetProperty("auth_time").GetString());
        Assert.Equal("admins,staff", claims.GetProperty("cognito:groups").GetString());
        Assert.Equal(Pools.Issuer(CognitoPools.DefaultPool), claims.GetProperty("iss").GetString());
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$", claims.GetProperty("exp").GetString());
        Assert.All(claims.EnumerateObject(), c => Assert.Equal(JsonValueKind.String, c.Value.ValueKind));
    }

    [Fact]
    public async Task MappedPoolToken_WithBearerPrefix_IsAccepted()
    {
        var claims = await ClaimsOf(await cognito.GetAsync(_apiId, "/prod/id", "Bearer " + Pools.IdToken(CognitoPools.MappedPool)));

        Assert.Equal(Pools.Issuer(CognitoPools.MappedPool), claims.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task AccessToken_WithOneOfTheMethodScopes_IsAccepted()
    {
        var claims = await ClaimsOf(await cognito.GetAsync(_apiId, "/prod/scoped", Pools.AccessToken("openid orders/admin")));

        Assert.Equal("access", claims.GetProperty("token_use").GetString());
        Assert.Equal("openid orders/admin", claims.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task AudienceMatchingTheValidationExpression_IsAccepted_FromTheConfiguredHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cognito.Endpoint, "/_aws/execute-api/" + _apiId + "/prod/aud"));
        request.Headers.Add("X-Id-Token", Pools.IdToken());

        var response = await cognito.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BadTokens_Are401Unauthorized_AndExpiredOnesSaySo()
    {
        var cases = new (string Name, string Path, string? Token, string Message)[]
        {
            ("missing", "/prod/id", null, "Unauthorized"),
            ("garbage", "/prod/id", "not.a.jwt", "Unauthorized"),
            ("forged signature", "/prod/id", Pools.ForgedIdToken(), "Unauthorized"),
            ("unknown issuer", "/prod/id", Pools.IdToken(claims: new() { ["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" }), "Unauthorized"),
            ("access token without method scopes", "/prod/id", Pools.AccessToken("orders/read"), "Unauthorized"),
            ("id token on a scoped method", "/prod/scoped", Pools.IdToken(), "Unauthorized"),
            ("access token lacking the scope", "/prod/scoped", Pools.AccessToken("orders/write"), "Unauthorized"),
            ("not valid yet", "/prod/id", Pools.IdToken(claims: new() { ["nbf"] = CognitoPools.Hours(1) }), "Unauthorized"),
            ("expired", "/prod/id", Pools.IdToken(claims: new() { ["exp"] = CognitoPools.Hours(-0.1) }), "The incoming token has expired"),
        };
        var outcomes = new List<string>();
        foreach (var (name, path, token, _) in cases)
        {
            var response = await cognito.GetAsync(_apiId, path, token);
            var body = await RestScripts.JsonOf(response);
            outcomes.Add($"{name}: {(int)response.StatusCode} {response.Headers.GetValues("x-amzn-ErrorType").Single()} {body.GetProperty("message").GetString()}");
        }

        Assert.Equal(cases.Select(c => $"{c.Name}: 401 UnauthorizedException {c.Message}"), outcomes);
    }

    [Fact]
    public async Task WrongAudience_And_OtherPoolsToken_Are401_OnTheAudienceAuthorizer()
    {
        async Task<HttpStatusCode> CallAsync(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cognito.Endpoint, "/_aws/execute-api/" + _apiId + "/prod/aud"));
            request.Headers.Add("X-Id-Token", token);
            return (await cognito.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Pools.IdToken(claims: new() { ["aud"] = "other-client" })));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Pools.IdToken(CognitoPools.MappedPool)));
    }

    [Fact]
    public async Task CreateAuthorizer_RefusesMissingOrInvalidPoolsAndNonHeaderSources()
    {
        var result = await RestScripts.RunAsync(cognito.Boto3, """
            from botocore.exceptions import ClientError
            api, root = new_api("cognito-bad")
            errors = []
            for kw in [{}, {"providerARNs": ["arn:aws:s3:::bucket"]},
                       {"providerARNs": ["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_x"], "identitySource": "method.request.querystring.token"}]:
                try:
                    apigw.create_authorizer(restApiId=api, name="bad", type="COGNITO_USER_POOLS", **kw)
                    errors.append("created")
                except ClientError as e:
                    errors.append(e.response["Error"]["Code"])
            print(json.dumps({"errors": errors}))
            """);

        Assert.Equal(["BadRequestException", "BadRequestException", "BadRequestException"], result.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
