using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

/// <summary>
/// The Lambda events a real function receives through an HTTP API, field by field against AWS's documented
/// examples for payload formats 2.0 and 1.0. Requests come from curl (separate header lines, cookies, a real
/// <c>*.execute-api.localhost</c> host name) and from HttpClient on the path form.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PayloadEventTests(GatewayFixture gateway) : IAsyncLifetime
{
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        var api = await gateway.Boto3Async($$"""
            id = apigw.create_api(Name="events", ProtocolType="HTTP")["ApiId"]
            v2 = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoArn}}", PayloadFormatVersion="2.0")["IntegrationId"]
            v1 = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoArn}}", PayloadFormatVersion="1.0")["IntegrationId"]
            py = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoPythonArn}}", PayloadFormatVersion="2.0")["IntegrationId"]
            apigw.create_route(ApiId=id, RouteKey="POST /items/{id}", Target="integrations/" + v2)
            apigw.create_route(ApiId=id, RouteKey="ANY /v1/{proxy+}", Target="integrations/" + v1)
            apigw.create_route(ApiId=id, RouteKey="GET /py", Target="integrations/" + py)
            apigw.create_stage(ApiId=id, StageName="$default", AutoDeploy=True, StageVariables={"color": "blue"})
            apigw.create_stage(ApiId=id, StageName="prod", StageVariables={"color": "red"})
            apigw.create_deployment(ApiId=id, StageName="prod")
            print(json.dumps({"id": id}))
            """);
        _apiId = api.GetProperty("id").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task V2_EventFromCurl_MatchesAwsFormat()
    {
        var headersFile = Path.GetTempFileName();
        var url = $"http://{_apiId}.execute-api.localhost:{gateway.Endpoint.Port}/items/42?a=1&a=2&b=hello%20world";
        var result = await ProcessRunner.RunAsync("curl", ["-s", "-D", headersFile, "-X", "POST", url, "-H", "X-Multi: one", "-H", "X-Multi: two",
            "-H", "Cookie: c1=v1; c2=v2", "-H", "Content-Type: application/json", "-A", "nimbus-test/1.0", "--data", "{\"k\":\"v\"}"], new Dictionary<string, string>());
        Assert.True(result.ExitCode == 0, result.Describe());
        var evt = JsonDocument.Parse(result.StandardOutput).RootElement;
        var responseHeaders = await File.ReadAllTextAsync(headersFile);

        Assert.Equal("2.0", evt.GetProperty("version").GetString());
        Assert.Equal("POST /items/{id}", evt.GetProperty("routeKey").GetString());
        Assert.Equal("/items/42", evt.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&a=2&b=hello%20world", evt.GetProperty("rawQueryString").GetString());
        Assert.Equal(["c1=v1", "c2=v2"], evt.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()!).ToArray());
        var headers = evt.GetProperty("headers");
        Assert.Equal("one,two", headers.GetProperty("x-multi").GetString());
        Assert.Equal("nimbus-test/1.0", headers.GetProperty("user-agent").GetString());
        Assert.Equal("application/json", headers.GetProperty("content-type").GetString());
        Assert.Equal("127.0.0.1", headers.GetProperty("x-forwarded-for").GetString());
        Assert.Equal(gateway.Endpoint.Port.ToString(), headers.GetProperty("x-forwarded-port").GetString());
        Assert.Equal("http", headers.GetProperty("x-forwarded-proto").GetString());
        Assert.False(headers.TryGetProperty("cookie", out _));
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.Equal("1,2", evt.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("hello world", evt.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.Equal("42", evt.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("blue", evt.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Equal("{\"k\":\"v\"}", evt.GetProperty("body").GetString());
        Assert.False(evt.GetProperty("isBase64Encoded").GetBoolean());

        var context = evt.GetProperty("requestContext");
        Assert.Equal("000000000000", context.GetProperty("accountId").GetString());
        Assert.Equal(_apiId, context.GetProperty("apiId").GetString());
        Assert.Equal($"{_apiId}.execute-api.localhost", context.GetProperty("domainName").GetString());
        Assert.Equal(_apiId, context.GetProperty("domainPrefix").GetString());
        var http = context.GetProperty("http");
        Assert.Equal("POST", http.GetProperty("method").GetString());
        Assert.Equal("/items/42", http.GetProperty("path").GetString());
        Assert.Equal("HTTP/1.1", http.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", http.GetProperty("sourceIp").GetString());
        Assert.Equal("nimbus-test/1.0", http.GetProperty("userAgent").GetString());
        Assert.Equal("POST /items/{id}", context.GetProperty("routeKey").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("time").GetString());
        Assert.InRange(context.GetProperty("timeEpoch").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var requestId = context.GetProperty("requestId").GetString()!;
        Assert.Matches("^[A-Za-z0-9+/]{15}=$", requestId);
        Assert.Contains("apigw-requestid: " + requestId, responseHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.False(context.TryGetProperty("authorizer", out _));
    }

    [Fact]
    public async Task V2_BinaryBody_IsBase64Encoded_AndAbsentPartsAreOmitted()
    {
        var response = await gateway.CallAsync(_apiId, HttpMethod.Post, "/items/bin", body: [0, 1, 2, 255], contentType: "application/octet-stream");
        var evt = await GatewayFixture.EventOf(response);

        Assert.True(evt.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("AAEC/w==", evt.GetProperty("body").GetString());
        Assert.Equal("", evt.GetProperty("rawQueryString").GetString());
        Assert.False(evt.TryGetProperty("queryStringParameters", out _));
        Assert.False(evt.TryGetProperty("cookies", out _));
    }

    [Fact]
    public async Task V1_EventOnNamedStage_ThroughThePathForm()
    {
        var url = new Uri(gateway.Endpoint, $"/_aws/execute-api/{_apiId}/prod/v1/a/b?x=1&x=2");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("X-Trace", "t1");
        var evt = await GatewayFixture.EventOf(await gateway.Http.SendAsync(request));

        Assert.Equal("1.0", evt.GetProperty("version").GetString());
        Assert.Equal("/v1/{proxy+}", evt.GetProperty("resource").GetString());
        Assert.Equal("/v1/a/b", evt.GetProperty("path").GetString());
        Assert.Equal("GET", evt.GetProperty("httpMethod").GetString());
        Assert.Equal("t1", evt.GetProperty("headers").GetProperty("x-trace").GetString());
        Assert.Equal(["t1"], evt.GetProperty("multiValueHeaders").GetProperty("x-trace").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal("2", evt.GetProperty("queryStringParameters").GetProperty("x").GetString());
        Assert.Equal(["1", "2"], evt.GetProperty("multiValueQueryStringParameters").GetProperty("x").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal("a/b", evt.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("red", evt.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Equal(JsonValueKind.Null, evt.GetProperty("body").ValueKind);
        Assert.False(evt.GetProperty("isBase64Encoded").GetBoolean());
        var context = evt.GetProperty("requestContext");
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal("/prod/v1/a/b", context.GetProperty("path").GetString());
        Assert.Equal("GET", context.GetProperty("httpMethod").GetString());
        Assert.Equal("/v1/{proxy+}", context.GetProperty("resourcePath").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal(JsonValueKind.Null, context.GetProperty("identity").GetProperty("user").ValueKind);
        Assert.Equal(JsonValueKind.Null, context.GetProperty("authorizer").GetProperty("claims").ValueKind);
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("requestTime").GetString());
    }

    [Fact]
    public async Task PythonFunction_GetsTheSameEvent()
    {
        var evt = await GatewayFixture.EventOf(await gateway.GetAsync(_apiId, "/py?q=1"));

        Assert.Equal("GET /py", evt.GetProperty("routeKey").GetString());
        Assert.Equal("1", evt.GetProperty("queryStringParameters").GetProperty("q").GetString());
    }

    [Fact]
    public async Task AutoDeployStage_ServesChangesAtOnce_NamedStage_OnlyAfterADeployment()
    {
        await gateway.Boto3Async($$"""
            i = [x for x in apigw.get_integrations(ApiId="{{_apiId}}")["Items"] if x["PayloadFormatVersion"] == "2.0"][0]["IntegrationId"]
            apigw.create_route(ApiId="{{_apiId}}", RouteKey="GET /late", Target="integrations/" + i)
            print("{}")
            """);

        Assert.Equal(200, (int)(await gateway.GetAsync(_apiId, "/late")).StatusCode);
        var before = await gateway.GetAsync(_apiId, "/prod/late");
        Assert.Equal(404, (int)before.StatusCode);
        Assert.Equal("{\"message\":\"Not Found\"}", await before.Content.ReadAsStringAsync());

        await gateway.Server.Cli.JsonAsync("apigatewayv2", "create-deployment", "--api-id", _apiId, "--stage-name", "prod");
        var evt = await GatewayFixture.EventOf(await gateway.GetAsync(_apiId, "/prod/late"));
        Assert.Equal("prod", evt.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal("/prod/late", evt.GetProperty("rawPath").GetString());
    }

    [Fact]
    public async Task UnknownApiOrRoute_Is404NotFound()
    {
        var unknownApi = await gateway.GetAsync("zzzzzzzzzz", "/items/1");
        var unknownRoute = await gateway.GetAsync(_apiId, "/nothing/here");

        Assert.Equal(404, (int)unknownApi.StatusCode);
        Assert.Equal("{\"message\":\"Not Found\"}", await unknownApi.Content.ReadAsStringAsync());
        Assert.Equal(404, (int)unknownRoute.StatusCode);
        Assert.True(unknownRoute.Headers.Contains("apigw-requestid"));
    }
}
