using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

/// <summary>HTTP_PROXY to a real local backend, and APIs surviving a server restart.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpProxyAndPersistenceTests(GatewayFixture gateway)
{
    [Fact]
    public async Task HttpProxy_ForwardsMethodPathQueryHeadersBody_AndReturnsTheBackendsResponse()
    {
        await using var backend = await LocalHttpServer.StartAsync(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            http.Response.StatusCode = 202;
            http.Response.Headers["x-backend"] = "yes";
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["method"] = http.Request.Method,
                ["path"] = http.Request.Path.Value ?? "",
                ["query"] = http.Request.QueryString.Value ?? "",
                ["header"] = http.Request.Headers["x-client"].ToString(),
                ["forwarded"] = http.Request.Headers["forwarded"].ToString(),
                ["body"] = body,
            });
        });
        var api = await gateway.Boto3Async($$"""
            id = apigw.create_api(Name="proxy", ProtocolType="HTTP")["ApiId"]
            i = apigw.create_integration(ApiId=id, IntegrationType="HTTP_PROXY", IntegrationMethod="ANY", IntegrationUri="{{backend.Url}}backend/{proxy}")["IntegrationId"]
            apigw.create_route(ApiId=id, RouteKey="ANY /api/{proxy+}", Target="integrations/" + i)
            apigw.create_stage(ApiId=id, StageName="$default", AutoDeploy=True)
            print(json.dumps({"id": id}))
            """);
        var id = api.GetProperty("id").GetString()!;

        var response = await gateway.PostJsonAsync(id, "/api/orders/7?verbose=1", "{\"n\":1}", r => r.Headers.Add("x-client", "c1"));
        var seen = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(202, (int)response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-backend").Single());
        Assert.Equal("POST", seen.GetProperty("method").GetString());
        Assert.Equal("/backend/orders/7", seen.GetProperty("path").GetString());
        Assert.Equal("?verbose=1", seen.GetProperty("query").GetString());
        Assert.Equal("c1", seen.GetProperty("header").GetString());
        Assert.Contains("for=127.0.0.1", seen.GetProperty("forwarded").GetString());
        Assert.Equal("{\"n\":1}", seen.GetProperty("body").GetString());
    }

    [Fact]
    public async Task HttpProxy_UnreachableBackend_Is500()
    {
        var api = await gateway.Boto3Async("""
            id = apigw.create_api(Name="down", ProtocolType="HTTP", Target="http://127.0.0.1:9/nothing")["ApiId"]
            print(json.dumps({"id": id}))
            """);

        var response = await gateway.GetAsync(api.GetProperty("id").GetString()!, "/anything");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"Internal Server Error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_SurvivesARestart_AndKeepsServing()
    {
        var api = await gateway.Boto3Async($$"""
            r = apigw.create_api(Name="durable", ProtocolType="HTTP", Target="{{gateway.EchoArn}}", RouteKey="GET /still/{here}")
            print(json.dumps({"id": r["ApiId"]}))
            """);
        var id = api.GetProperty("id").GetString()!;

        await gateway.Server.RestartAsync();

        var got = await gateway.Server.Cli.JsonAsync("apigatewayv2", "get-api", "--api-id", id);
        Assert.Equal("durable", got.GetProperty("Name").GetString());
        var evt = await GatewayFixture.EventOf(await gateway.GetAsync(id, "/still/yes"));
        Assert.Equal("yes", evt.GetProperty("pathParameters").GetProperty("here").GetString());
    }
}
