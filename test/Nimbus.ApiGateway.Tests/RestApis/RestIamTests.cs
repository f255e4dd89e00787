using System.Net;
using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// AWS_IAM methods: requests signed with SigV4 for <c>execute-api</c> (by botocore's own signer, sent with a plain HTTP
/// client) pass and name their caller; unsigned, tampered and wrongly scoped ones are refused as AWS refuses them.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestIamTests(GatewayFixture gateway) : IAsyncLifetime
{
    private string _apiId = "";

    public async Task InitializeAsync()
    {
        var ids = await RestScripts.RunAsync(gateway, $$"""
            api, root = new_api("iam")
            proxy(api, resource(api, root, "secure"), "POST", "{{gateway.EchoArn}}", auth="AWS_IAM")
            deploy(api)
            print(json.dumps({"api": api}))
            """);
        _apiId = ids.GetProperty("api").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>botocore's SigV4Auth signs the exact request the test then sends.</summary>
    private async Task<Dictionary<string, string>> SignAsync(string url, string body, string service = "execute-api", string secret = "test")
    {
        var headers = await RestScripts.RunAsync(gateway, $$"""
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            req = AWSRequest(method="POST", url={{JsonSerializer.Serialize(url)}}, data={{JsonSerializer.Serialize(body)}}, headers={"Content-Type": "application/json"})
            SigV4Auth(Credentials("test", {{JsonSerializer.Serialize(secret)}}), {{JsonSerializer.Serialize(service)}}, "us-east-1").add_auth(req)
            print(json.dumps({k: v for k, v in req.headers.items() if k.lower() in ("authorization", "x-amz-date", "x-amz-content-sha256")}))
            """);
        return headers.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string>? headers, string body = "{\"a\":1}") =>
        gateway.PostJsonAsync(_apiId, "/prod/secure", body, r =>
        {
            foreach (var (name, value) in headers ?? [])
            {
                r.Headers.TryAddWithoutValidation(name, value);
            }
        });

    private string Url => $"http://{_apiId}.execute-api.localhost:{gateway.Endpoint.Port}/prod/secure";

    [Fact]
    public async Task Signed_ReachesTheFunction_WithTheCallerInIdentity()
    {
        var evt = await GatewayFixture.EventOf(await PostAsync(await SignAsync(Url, "{\"a\":1}")));
        var identity = evt.GetProperty("requestContext").GetProperty("identity");

        Assert.Equal("test", identity.GetProperty("accessKey").GetString());
        Assert.Equal("test", identity.GetProperty("caller").GetString());
        Assert.Equal("000000000000", identity.GetProperty("accountId").GetString());
        Assert.Equal("arn:aws:iam::000000000000:root", identity.GetProperty("userArn").GetString());
    }

    [Fact]
    public async Task Unsigned_Is403MissingAuthenticationToken()
    {
        var response = await PostAsync(null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Missing Authentication Token\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TamperedBodyOrWrongSecret_Is403InvalidSignature()
    {
        var tampered = await PostAsync(await SignAsync(Url, "{\"a\":1}"), body: "{\"a\":2}");
        var wrongSecret = await PostAsync(await SignAsync(Url, "{\"a\":1}", secret: "not-the-secret"));

        foreach (var response in new[] { tampered, wrongSecret })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.StartsWith("The request signature we calculated does not match", (await RestScripts.JsonOf(response)).GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task SignedForAnotherService_Is403()
    {
        var response = await PostAsync(await SignAsync(Url, "{\"a\":1}", service: "lambda"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
