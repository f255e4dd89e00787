using System.Net;
using Microsoft.AspNetCore.Http;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// Velocity mapping templates on non-proxy integrations, built with boto3 and called over HTTP: an HTTP integration
/// whose request and response templates use <c>$input</c>, <c>$context</c>, <c>$stageVariables</c>, <c>$util</c> and the
/// directives; an AWS integration to Lambda with a selection pattern on the error message; and AWS's answers to
/// templates that do not parse (500) and bodies that are not JSON (400).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestMappingTemplateTests(GatewayFixture gateway)
{
    private const string RequestTemplate = """
        #set($body = $input.path('$'))
        {
          "name": $input.json('$.user.name'),
          "upper": "$body.user.name.toUpperCase()",
          "tags": [
          #foreach($t in $input.path('$.tags'))
            "$util.escapeJavaScript($t)"#if($foreach.hasNext),#end
          #end
          ],
          "count": $body.tags.size(),
          "kind": "#if($body.tags.size() > 2)many#elseif($body.tags.size() > 0)some#{else}none#end",
          "id": "$input.params('id')",
          "q": "$input.params().querystring.q",
          "h": "$input.params().header.get('x-client')",
          "stage": "$context.stage",
          "method": "$context.httpMethod",
          "resourcePath": "$context.resourcePath",
          "color": "$stageVariables.color",
          "encoded": "$util.urlEncode($body.user.name)",
          "b64": "$util.base64Encode($body.user.name)"
        }
        """;

    private const string ResponseTemplate = """
        #set($got = $input.path('$'))
        #set($context.responseOverride.header.X-Override = "yes")
        {"seen": $input.json('$'), "firstTag": "$got.tags[0]", "backend": "$got.name"}
        """;

    [Fact]
    public async Task HttpIntegration_RequestAndResponseTemplates_RenderTheVelocitySubset()
    {
        await using var backend = await LocalHttpServer.StartAsync(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(await reader.ReadToEndAsync());
        });
        var ids = await RestScripts.RunAsync(gateway, $$"""
            api, root = new_api("vtl-http")
            res = resource(api, resource(api, root, "items"), "{id}")
            apigw.put_method(restApiId=api, resourceId=res, httpMethod="POST", authorizationType="NONE")
            apigw.put_integration(restApiId=api, resourceId=res, httpMethod="POST", type="HTTP", integrationHttpMethod="POST",
                uri="{{backend.Url}}echo", requestTemplates={"application/json": r'''{{RequestTemplate}}'''})
            apigw.put_method_response(restApiId=api, resourceId=res, httpMethod="POST", statusCode="200")
            apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="POST", statusCode="200",
                responseTemplates={"application/json": r'''{{ResponseTemplate}}'''})
            deploy(api, variables={"color": "blue"})
            print(json.dumps({"api": api}))
            """);

        var response = await gateway.PostJsonAsync(ids.GetProperty("api").GetString()!, "/prod/items/42?q=search",
            """{"user": {"name": "Ann Lee"}, "tags": ["a", "b\"c", "d"]}""", r => r.Headers.Add("x-client", "c1"));
        var text = await response.Content.ReadAsStringAsync();
        var answer = System.Text.Json.JsonDocument.Parse(text).RootElement;
        var seen = answer.GetProperty("seen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Override").Single());
        Assert.Equal("Ann Lee", seen.GetProperty("name").GetString());
        Assert.Equal("ANN LEE", seen.GetProperty("upper").GetString());
        Assert.Equal(["a", "b\"c", "d"], seen.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(3, seen.GetProperty("count").GetInt32());
        Assert.Equal("many", seen.GetProperty("kind").GetString());
        Assert.Equal("42", seen.GetProperty("id").GetString());
        Assert.Equal("search", seen.GetProperty("q").GetString());
        Assert.Equal("c1", seen.GetProperty("h").GetString());
        Assert.Equal("prod", seen.GetProperty("stage").GetString());
        Assert.Equal("POST", seen.GetProperty("method").GetString());
        Assert.Equal("/items/{id}", seen.GetProperty("resourcePath").GetString());
        Assert.Equal("blue", seen.GetProperty("color").GetString());
        Assert.Equal("Ann+Lee", seen.GetProperty("encoded").GetString());
        Assert.Equal("QW5uIExlZQ==", seen.GetProperty("b64").GetString());
        Assert.Equal("a", answer.GetProperty("firstTag").GetString());
        Assert.Equal("Ann Lee", answer.GetProperty("backend").GetString());
    }

    [Fact]
    public async Task AwsLambdaIntegration_TemplateIsTheEvent_AndErrorMessagesSelectTheResponse()
    {
        var ids = await RestScripts.RunAsync(gateway, $$"""
            api, root = new_api("vtl-lambda")
            res = resource(api, root, "greet")
            apigw.put_method(restApiId=api, resourceId=res, httpMethod="GET", authorizationType="NONE")
            apigw.put_integration(restApiId=api, resourceId=res, httpMethod="GET", type="AWS", integrationHttpMethod="POST", uri=lambda_uri("{{gateway.ResponderArn}}"),
                requestTemplates={"application/json": r'''{"headers": {"x-fail": "$input.params('fail')"}, "body": "{\"got\": \"$input.params('name')\"}"}'''})
            for code in ["200", "400"]:
                apigw.put_method_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode=code)
            apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="200",
                responseTemplates={"application/json": r'''{"result": $input.json('$.got')}'''})
            apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="400", selectionPattern="boom.*",
                responseTemplates={"application/json": r'''{"error": "$input.path('$.errorMessage')"}'''})
            deploy(api)
            print(json.dumps({"api": api}))
            """);
        var apiId = ids.GetProperty("api").GetString()!;

        var ok = await gateway.GetAsync(apiId, "/prod/greet?name=bob");
        var failed = await gateway.GetAsync(apiId, "/prod/greet?name=bob&fail=1");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"result": "bob"}""", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal("""{"error": "boom"}""", await failed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BrokenTemplates_Are500_AndNonJsonBodies400()
    {
        var ids = await RestScripts.RunAsync(gateway, """
            api, root = new_api("vtl-bad")
            def mock(part, request, response):
                res = resource(api, root, part)
                apigw.put_method(restApiId=api, resourceId=res, httpMethod="POST", authorizationType="NONE")
                apigw.put_integration(restApiId=api, resourceId=res, httpMethod="POST", type="MOCK", requestTemplates={"application/json": request})
                apigw.put_method_response(restApiId=api, resourceId=res, httpMethod="POST", statusCode="200")
                apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="POST", statusCode="200", responseTemplates={"application/json": response})
            mock("badrequest", '#if($input.params("x") == 1) {"statusCode": 200}', '{}')
            mock("badresponse", '{"statusCode": 200}', '{"a": $input.json(\'$.a\'}')
            mock("json", '{"statusCode": 200, "a": $input.json(\'$.a\')}', '{"ok": true}')
            deploy(api)
            print(json.dumps({"api": api}))
            """);
        var apiId = ids.GetProperty("api").GetString()!;

        var badRequest = await gateway.PostJsonAsync(apiId, "/prod/badrequest", "{}");
        var badResponse = await gateway.PostJsonAsync(apiId, "/prod/badresponse", "{}");
        var notJson = await gateway.PostJsonAsync(apiId, "/prod/json", "this is not json");
        var json = await gateway.PostJsonAsync(apiId, "/prod/json", """{"a": 1}""");

        Assert.Equal(HttpStatusCode.InternalServerError, badRequest.StatusCode);
        Assert.Equal("{\"message\": \"Internal server error\"}", await badRequest.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, badResponse.StatusCode);
        Assert.Equal("{\"message\": \"Internal server error\"}", await badResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.StartsWith("{\"message\":\"Could not parse request body into json: ", await notJson.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("{\"ok\": true}", await json.Content.ReadAsStringAsync());
    }
}
