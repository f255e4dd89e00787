using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>MOCK integrations (request template → status → integration response) and HTTP_PROXY to a real local backend.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RestMockAndHttpTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Mock_RequestTemplatePicksTheStatus_AndTheIntegrationResponseShapesTheAnswer()
    {
        var ids = await RestScripts.RunAsync(gateway, """
            api, root = new_api("mock")
            res = resource(api, root, "mock")
            apigw.put_method(restApiId=api, resourceId=res, httpMethod="GET", authorizationType="NONE")
            apigw.put_integration(restApiId=api, resourceId=res, httpMethod="GET", type="MOCK",
                requestTemplates={"application/json": '{"statusCode": $input.params(\'code\')}'})
            for code in ["200", "404"]:
                apigw.put_method_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode=code,
                    responseParameters={"method.response.header.X-Mock": False})
            apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="200",
                responseParameters={"method.response.header.X-Mock": "'yes'"},
                responseTemplates={"application/json": '{"ok": true, "stage": "$context.stage", "code": "$input.params(\'code\')"}'})
            apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="404", selectionPattern="404",
                responseTemplates={"application/json": '{"error": "not found"}'})
            got = apigw.get_integration(restApiId=api, resourceId=res, httpMethod="GET")
            deploy(api)
            print(json.dumps({"api": api, "responses": sorted(got["integrationResponses"].keys()), "passthrough": got["passthroughBehavior"]}))
            """);
        var apiId = ids.GetProperty("api").GetString()!;

        var ok = await gateway.GetAsync(apiId, "/prod/mock?code=200");
        var missing = await gateway.GetAsync(apiId, "/prod/mock?code=404");
        var other = await gateway.GetAsync(apiId, "/prod/mock?code=500");

        Assert.Equal(["200", "404"], ids.GetProperty("responses").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("WHEN_NO_MATCH", ids.GetProperty("passthrough").GetString());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("yes", ok.Headers.GetValues("X-Mock").Single());
        Assert.Equal("""{"ok": true, "stage": "prod", "code": "200"}""", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("""{"error": "not found"}""", await missing.Content.ReadAsStringAsync());
        // No pattern matches 500: the default (pattern-less) response answers.
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Mock_WithoutMatchingIntegrationResponse_Is500()
    {
        var ids = await RestScripts.RunAsync(gateway, """
            api, root = new_api("mock-bare")
            apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
            apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
            deploy(api)
            print(json.dumps({"api": api}))
            """);

        var response = await gateway.GetAsync(ids.GetProperty("api").GetString()!, "/prod/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"message\": \"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HttpProxy_ForwardsToTheBackend_WithGreedyPathQueryAndHeaders()
    {
        await using var backend = await LocalHttpServer.StartAsync(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            http.Response.StatusCode = 201;
            http.Response.Headers["x-backend"] = "yes";
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["method"] = http.Request.Method,
                ["path"] = http.Request.Path.Value ?? "",
                ["query"] = http.Request.QueryString.Value ?? "",
                ["header"] = http.Request.Headers["x-client"].ToString(),
                ["body"] = body,
            });
        });
        var ids = await RestScripts.RunAsync(gateway, $$"""
            api, root = new_api("httpproxy")
            res = resource(api, resource(api, root, "api"), "{proxy+}")
            apigw.put_method(restApiId=api, resourceId=res, httpMethod="ANY", authorizationType="NONE",
                requestParameters={"method.request.path.proxy": True})
            apigw.put_integration(restApiId=api, resourceId=res, httpMethod="ANY", type="HTTP_PROXY", integrationHttpMethod="ANY",
                uri="{{backend.Url}}backend/{proxy}", requestParameters={"integration.request.path.proxy": "method.request.path.proxy"})
            deploy(api)
            print(json.dumps({"api": api}))
            """);

        var response = await gateway.PostJsonAsync(ids.GetProperty("api").GetString()!, "/prod/api/orders/7?verbose=1", "{\"n\":1}", r => r.Headers.Add("x-client", "c1"));
        var seen = await RestScripts.JsonOf(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-backend").Single());
        Assert.Equal("POST", seen.GetProperty("method").GetString());
        Assert.Equal("/backend/orders/7", seen.GetProperty("path").GetString());
        Assert.Equal("?verbose=1", seen.GetProperty("query").GetString());
        Assert.Equal("c1", seen.GetProperty("header").GetString());
        Assert.Equal("{\"n\":1}", seen.GetProperty("body").GetString());
    }
}
