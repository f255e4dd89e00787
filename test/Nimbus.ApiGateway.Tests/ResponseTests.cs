using System.Text;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests;

/// <summary>
/// What a client gets back through an HTTP API: the function decides its response (the responder function returns
/// the request body as its result), function errors and integration timeouts give AWS's bodies.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ResponseTests(GatewayFixture gateway) : IAsyncLifetime
{
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        var api = await gateway.Boto3Async($$"""
            id = apigw.create_api(Name="responses", ProtocolType="HTTP")["ApiId"]
            v2 = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.ResponderArn}}", PayloadFormatVersion="2.0")["IntegrationId"]
            v1 = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.ResponderArn}}", PayloadFormatVersion="1.0")["IntegrationId"]
            fast = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.ResponderArn}}", PayloadFormatVersion="2.0", TimeoutInMillis=200)["IntegrationId"]
            missing = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", PayloadFormatVersion="2.0",
                IntegrationUri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:does-not-exist/invocations")["IntegrationId"]
            apigw.create_route(ApiId=id, RouteKey="POST /v2", Target="integrations/" + v2)
            apigw.create_route(ApiId=id, RouteKey="POST /v1", Target="integrations/" + v1)
            apigw.create_route(ApiId=id, RouteKey="POST /fast", Target="integrations/" + fast)
            apigw.create_route(ApiId=id, RouteKey="POST /missing", Target="integrations/" + missing)
            apigw.create_stage(ApiId=id, StageName="$default", AutoDeploy=True)
            print(json.dumps({"id": id}))
            """);
        _apiId = api.GetProperty("id").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task V2_BareString_IsInferredAs200Json()
    {
        var response = await gateway.PostJsonAsync(_apiId, "/v2", "\"Hello from Lambda!\"");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello from Lambda!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task V2_ObjectWithoutStatusCode_IsTheBody()
    {
        var response = await gateway.PostJsonAsync(_apiId, "/v2", "{\"items\":[1,2]}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{\"items\":[1,2]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task V2_StructuredResponse_StatusHeadersCookiesBinaryBody()
    {
        var body = Convert.ToBase64String([0x89, 0x50, 0x4e, 0x47, 0, 255]);
        var response = await gateway.PostJsonAsync(_apiId, "/v2",
            $$"""{"statusCode":418,"headers":{"content-type":"image/png","x-custom":"yes"},"cookies":["session=abc; HttpOnly","theme=dark"],"body":"{{body}}","isBase64Encoded":true}""");

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("yes", response.Headers.GetValues("x-custom").Single());
        Assert.Equal(["session=abc; HttpOnly", "theme=dark"], response.Headers.GetValues("set-cookie").ToArray());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 255 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task V1_MultiValueHeaders_AndStatusRequired()
    {
        var ok = await gateway.PostJsonAsync(_apiId, "/v1", """{"statusCode":201,"multiValueHeaders":{"x-tag":["a","b"]},"body":"created"}""");
        var malformed = await gateway.PostJsonAsync(_apiId, "/v1", """{"message":"no status code"}""");

        Assert.Equal(201, (int)ok.StatusCode);
        Assert.Equal(["a", "b"], ok.Headers.GetValues("x-tag").ToArray());
        Assert.Equal("created", await ok.Content.ReadAsStringAsync());
        Assert.Equal(500, (int)malformed.StatusCode);
        Assert.Equal("{\"message\":\"Internal Server Error\"}", await malformed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FunctionError_Is500InternalServerError()
    {
        var response = await gateway.PostJsonAsync(_apiId, "/v2", "{}", r => r.Headers.Add("x-fail", "1"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"Internal Server Error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MissingFunction_Is500InternalServerError()
    {
        var response = await gateway.PostJsonAsync(_apiId, "/missing", "{}");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"Internal Server Error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IntegrationTimeout_Is503ServiceUnavailable()
    {
        // The integration allows 200 ms; the function sleeps 3 s.
        var response = await gateway.PostJsonAsync(_apiId, "/fast", "{\"statusCode\":200}", r => r.Headers.Add("x-sleep-ms", "3000"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"Service Unavailable\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TooLargeBody_Is413()
    {
        var response = await gateway.CallAsync(_apiId, HttpMethod.Post, "/v2", body: new byte[10 * 1024 * 1024 + 1], contentType: "application/octet-stream");

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"Request Entity Too Large\"}", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}
