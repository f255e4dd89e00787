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

        // Nimbus has no IAM users: the signer is the account's root, for which AWS names the account as caller and user.
        Assert.Equal("test", identity.GetProperty("accessKey").GetString());
        Assert.Equal("000000000000", identity.GetProperty("caller").GetString());
        Assert.Equal("000000000000", identity.GetProperty("user").GetString());
        Assert.Equal("000000000000", identity.GetProperty("accountId").GetString());
        Assert.Equal("arn:aws:iam::000000000000:root", identity.GetProperty("userArn").GetString());
    }

    [Fact]
    public async Task HttpApi_Signed_NamesTheCaller_InAuthorizerIamFor20_AndIdentityFor10()
    {
        var ids = await RestScripts.RunAsync(gateway, $$"""
            v2 = client("apigatewayv2")
            api = v2.create_api(Name="iam-http", ProtocolType="HTTP")["ApiId"]
            for fmt, path in [("2.0", "/v2"), ("1.0", "/v1")]:
                integration = v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri="{{gateway.EchoArn}}", PayloadFormatVersion=fmt)["IntegrationId"]
                v2.create_route(ApiId=api, RouteKey="POST " + path, AuthorizationType="AWS_IAM", Target="integrations/" + integration)
            v2.create_stage(ApiId=api, StageName="$default", AutoDeploy=True)
            print(json.dumps({"api": api}))
            """);
        var apiId = ids.GetProperty("api").GetString()!;
        async Task<JsonElement> CallAsync(string path)
        {
            var headers = await SignAsync($"http://{apiId}.execute-api.localhost:{gateway.Endpoint.Port}{path}", "{}");
            return await GatewayFixture.EventOf(await gateway.PostJsonAsync(apiId, path, "{}", r =>
            {
                foreach (var (name, value) in headers)
                {
                    r.Headers.TryAddWithoutValidation(name, value);
                }
            }));
        }

        var iam = (await CallAsync("/v2")).GetProperty("requestContext").GetProperty("authorizer").GetProperty("iam");
        var identity = (await CallAsync("/v1")).GetProperty("requestContext").GetProperty("identity");

        Assert.Equal(["accessKey", "accountId", "callerId", "cognitoIdentity", "principalOrgId", "userArn", "userId"], RestScripts.Keys(iam));
        Assert.Equal("test", iam.GetProperty("accessKey").GetString());
        Assert.Equal("000000000000", iam.GetProperty("accountId").GetString());
        Assert.Equal("000000000000", iam.GetProperty("callerId").GetString());
        Assert.Equal("arn:aws:iam::000000000000:root", iam.GetProperty("userArn").GetString());
        Assert.Equal(JsonValueKind.Null, iam.GetProperty("cognitoIdentity").ValueKind);
        Assert.Equal("test", identity.GetProperty("accessKey").GetString());
        Assert.Equal("000000000000", identity.GetProperty("caller").GetString());
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
