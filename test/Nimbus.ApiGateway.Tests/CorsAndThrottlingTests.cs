using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

/// <summary>CORS answered by the gateway (preflight included) and route/stage throttling with 429.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CorsAndThrottlingTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Preflight_IsAnsweredWithoutAnOptionsRoute()
    {
        var id = await CreateAsync("""CorsConfiguration={"AllowOrigins": ["https://app.example.com"], "AllowMethods": ["GET", "POST"], "AllowHeaders": ["content-type", "x-api-key"], "ExposeHeaders": ["x-request-id"], "MaxAge": 600, "AllowCredentials": True}""");

        var preflight = await gateway.CallAsync(id, HttpMethod.Options, "/items", r =>
        {
            r.Headers.Add("Origin", "https://app.example.com");
            r.Headers.Add("Access-Control-Request-Method", "POST");
            r.Headers.Add("Access-Control-Request-Headers", "content-type");
        });
        Assert.Equal(204, (int)preflight.StatusCode);
        Assert.Equal("https://app.example.com", preflight.Headers.GetValues("access-control-allow-origin").Single());
        Assert.Equal("GET,POST", preflight.Headers.GetValues("access-control-allow-methods").Single());
        Assert.Equal("content-type,x-api-key", preflight.Headers.GetValues("access-control-allow-headers").Single());
        Assert.Equal("600", preflight.Headers.GetValues("access-control-max-age").Single());
        Assert.Equal("true", preflight.Headers.GetValues("access-control-allow-credentials").Single());

        var actual = await gateway.GetAsync(id, "/items", r => r.Headers.Add("Origin", "https://app.example.com"));
        Assert.Equal(200, (int)actual.StatusCode);
        Assert.Equal("https://app.example.com", actual.Headers.GetValues("access-control-allow-origin").Single());
        Assert.Equal("x-request-id", actual.Headers.GetValues("access-control-expose-headers").Single());

        var stranger = await gateway.CallAsync(id, HttpMethod.Options, "/items", r =>
        {
            r.Headers.Add("Origin", "https://evil.example.com");
            r.Headers.Add("Access-Control-Request-Method", "POST");
        });
        Assert.Equal(204, (int)stranger.StatusCode);
        Assert.False(stranger.Headers.Contains("access-control-allow-origin"));
        var disallowedMethod = await gateway.CallAsync(id, HttpMethod.Options, "/items", r =>
        {
            r.Headers.Add("Origin", "https://app.example.com");
            r.Headers.Add("Access-Control-Request-Method", "DELETE");
        });
        Assert.False(disallowedMethod.Headers.Contains("access-control-allow-origin"));
    }

    [Fact]
    public async Task WildcardOrigin_IsAnsweredWithStar()
    {
        var id = await CreateAsync("""CorsConfiguration={"AllowOrigins": ["*"], "AllowMethods": ["*"]}""");

        var preflight = await gateway.CallAsync(id, HttpMethod.Options, "/x", r =>
        {
            r.Headers.Add("Origin", "http://localhost:3000");
            r.Headers.Add("Access-Control-Request-Method", "PUT");
        });

        Assert.Equal("*", preflight.Headers.GetValues("access-control-allow-origin").Single());
    }

    [Fact]
    public async Task RouteThrottling_Burst_Then429()
    {
        var id = await CreateAsync("");
        await gateway.Boto3Async($$"""
            apigw.update_stage(ApiId="{{id}}", StageName="$default", RouteSettings={"GET /items": dict(ThrottlingBurstLimit=3, ThrottlingRateLimit=0.001)})
            print("{}")
            """);

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((int)(await gateway.GetAsync(id, "/items")).StatusCode);
        }
        var throttled = await gateway.GetAsync(id, "/items");

        Assert.Equal([200, 200, 200, 429, 429], statuses);
        Assert.Equal("{\"message\":\"Too Many Requests\"}", await throttled.Content.ReadAsStringAsync());
        // Other routes have their own bucket from the stage defaults (here: the account limits).
        Assert.Equal(200, (int)(await gateway.GetAsync(id, "/other")).StatusCode);
    }

    [Fact]
    public async Task StageDefaultThrottling_ZeroRate_ThrottlesEverything()
    {
        var id = await CreateAsync("");
        await gateway.Boto3Async($$"""
            apigw.update_stage(ApiId="{{id}}", StageName="$default", DefaultRouteSettings={"ThrottlingBurstLimit": 0, "ThrottlingRateLimit": 0})
            print("{}")
            """);

        Assert.Equal(429, (int)(await gateway.GetAsync(id, "/other")).StatusCode);
    }

    /// <summary>An API with <c>GET /items</c> and <c>$default</c> to the echo function on an auto-deploying $default stage.</summary>
    private async Task<string> CreateAsync(string apiArguments)
    {
        var api = await gateway.Boto3Async($$"""
            id = apigw.create_api(Name="cors", ProtocolType="HTTP"{{(apiArguments.Length > 0 ? ", " + apiArguments : "")}})["ApiId"]
            i = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoArn}}", PayloadFormatVersion="2.0")["IntegrationId"]
            apigw.create_route(ApiId=id, RouteKey="GET /items", Target="integrations/" + i)
            apigw.create_route(ApiId=id, RouteKey="$default", Target="integrations/" + i)
            apigw.create_stage(ApiId=id, StageName="$default", AutoDeploy=True)
            print(json.dumps({"id": id}))
            """);
        return api.GetProperty("id").GetString()!;
    }
}
