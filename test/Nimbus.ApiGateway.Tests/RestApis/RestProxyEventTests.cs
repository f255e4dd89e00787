using System.Net;
using System.Text;
using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// REST APIs created with boto3 in front of a Node.js echo function, called with plain HTTP: the Lambda proxy event
/// compared with AWS's documented REST example, resource matching precedence, greedy paths, binary bodies and the
/// 502/403 answers.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestProxyEventTests(GatewayFixture gateway) : IAsyncLifetime
{
    private string _apiId = "";
    private JsonElement _ids;

    public async Task InitializeAsync()
    {
        _ids = await RestScripts.RunAsync(gateway, $$"""
            api, root = new_api("events", binaryMediaTypes=["application/octet-stream", "image/*"])
            items = resource(api, root, "items")
            special = resource(api, items, "special")
            item = resource(api, items, "{id}")
            files = resource(api, root, "files")
            greedy = resource(api, files, "{proxy+}")
            echo = "{{gateway.EchoArn}}"
            proxy(api, items, "GET", echo)
            proxy(api, special, "GET", echo)
            proxy(api, item, "GET", echo)
            proxy(api, greedy, "ANY", echo)
            raw = resource(api, root, "raw")
            proxy(api, raw, "POST", "{{gateway.ResponderArn}}")
            deploy(api, "prod", variables={"env": "test"})
            print(json.dumps({"api": api, "item": item, "greedy": greedy, "special": special}))
            """);
        _apiId = _ids.GetProperty("api").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ProxyEvent_MatchesAwsDocumentedRestExample_FieldByField()
    {
        var response = await gateway.GetAsync(_apiId, "/prod/items/42?name=me&multivalueName=you&multivalueName=me", r =>
        {
            r.Headers.TryAddWithoutValidation("headerName", "headerValue");
            r.Headers.UserAgent.ParseAdd("PostmanRuntime/2.4.5");
        });
        var evt = await GatewayFixture.EventOf(response);

        // The members of AWS's example ("Input format of a Lambda function for proxy integration"), and no "version".
        Assert.Equal(["body", "headers", "httpMethod", "isBase64Encoded", "multiValueHeaders", "multiValueQueryStringParameters", "path",
            "pathParameters", "queryStringParameters", "requestContext", "resource", "stageVariables"], RestScripts.Keys(evt));
        Assert.Equal("/items/{id}", evt.GetProperty("resource").GetString());
        Assert.Equal("/items/42", evt.GetProperty("path").GetString());
        Assert.Equal("GET", evt.GetProperty("httpMethod").GetString());
        Assert.Equal("headerValue", evt.GetProperty("headers").GetProperty("headerName").GetString());
        Assert.Equal(["headerValue"], Strings(evt.GetProperty("multiValueHeaders").GetProperty("headerName")));
        Assert.Equal($"{_apiId}.execute-api.localhost:{gateway.Endpoint.Port}", evt.GetProperty("headers").GetProperty("Host").GetString());
        Assert.Equal("127.0.0.1", evt.GetProperty("headers").GetProperty("X-Forwarded-For").GetString());
        Assert.StartsWith("Root=1-", evt.GetProperty("headers").GetProperty("X-Amzn-Trace-Id").GetString());
        Assert.Equal("me", evt.GetProperty("queryStringParameters").GetProperty("name").GetString());
        Assert.Equal("me", evt.GetProperty("queryStringParameters").GetProperty("multivalueName").GetString());
        Assert.Equal(["you", "me"], Strings(evt.GetProperty("multiValueQueryStringParameters").GetProperty("multivalueName")));
        Assert.Equal("42", evt.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("test", evt.GetProperty("stageVariables").GetProperty("env").GetString());
        Assert.Equal(JsonValueKind.Null, evt.GetProperty("body").ValueKind);
        Assert.False(evt.GetProperty("isBase64Encoded").GetBoolean());

        var context = evt.GetProperty("requestContext");
        Assert.Equal(["accountId", "apiId", "domainName", "domainPrefix", "extendedRequestId", "httpMethod", "identity", "path", "protocol", "requestId",
            "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage"], RestScripts.Keys(context));
        Assert.Equal("000000000000", context.GetProperty("accountId").GetString());
        Assert.Equal(_apiId, context.GetProperty("apiId").GetString());
        Assert.Equal(_ids.GetProperty("item").GetString(), context.GetProperty("resourceId").GetString());
        Assert.Equal("/items/{id}", context.GetProperty("resourcePath").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal("/prod/items/42", context.GetProperty("path").GetString());
        Assert.Equal("GET", context.GetProperty("httpMethod").GetString());
        Assert.Equal("HTTP/1.1", context.GetProperty("protocol").GetString());
        Assert.True(Guid.TryParse(context.GetProperty("requestId").GetString(), out _));
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), context.GetProperty("requestId").GetString());
        Assert.Equal(_apiId, context.GetProperty("domainPrefix").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("requestTime").GetString());
        var identity = context.GetProperty("identity");
        Assert.Equal(["accessKey", "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
            "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "sourceIp", "user", "userAgent", "userArn"], RestScripts.Keys(identity));
        Assert.Equal("127.0.0.1", identity.GetProperty("sourceIp").GetString());
        Assert.Equal("PostmanRuntime/2.4.5", identity.GetProperty("userAgent").GetString());
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("apiKey").ValueKind);
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task RepeatedHeaders_LastInHeaders_AllInMultiValueHeaders()
    {
        // HttpClient folds repeated headers into one line, so this request is written by hand.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(gateway.Endpoint.Host, gateway.Endpoint.Port);
        var stream = tcp.GetStream();
        var request = $"GET /prod/items/1 HTTP/1.1\r\nHost: {_apiId}.execute-api.localhost:{gateway.Endpoint.Port}\r\n" +
            "X-Multi: a\r\nX-Multi: b\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();
        var evt = JsonDocument.Parse(raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement;

        Assert.StartsWith("HTTP/1.1 200", raw);
        Assert.Equal("b", evt.GetProperty("headers").GetProperty("X-Multi").GetString());
        Assert.Equal(["a", "b"], Strings(evt.GetProperty("multiValueHeaders").GetProperty("X-Multi")));
    }

    [Fact]
    public async Task Matching_PrefersExactThenParameterThenGreedy_AndAnyTakesEveryMethod()
    {
        async Task<JsonElement> EventAsync(HttpMethod method, string path) =>
            await GatewayFixture.EventOf(await gateway.CallAsync(_apiId, method, path));

        var exact = await EventAsync(HttpMethod.Get, "/prod/items/special");
        var parameter = await EventAsync(HttpMethod.Get, "/prod/items/other");
        var greedy = await EventAsync(HttpMethod.Delete, "/prod/files/a/b%20c/d.txt");

        Assert.Equal("/items/special", exact.GetProperty("resource").GetString());
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("pathParameters").ValueKind);
        Assert.Equal("/items/{id}", parameter.GetProperty("resource").GetString());
        Assert.Equal("other", parameter.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("/files/{proxy+}", greedy.GetProperty("resource").GetString());
        Assert.Equal("DELETE", greedy.GetProperty("httpMethod").GetString());
        Assert.Equal("a/b c/d.txt", greedy.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal(_ids.GetProperty("greedy").GetString(), greedy.GetProperty("requestContext").GetProperty("resourceId").GetString());
    }

    [Theory]
    [InlineData("GET", "/prod/nothing")]
    [InlineData("POST", "/prod/items")]
    [InlineData("GET", "/prod/")]
    [InlineData("GET", "/prod/files")]
    public async Task UnknownResourceOrMethod_Is403MissingAuthenticationToken(string method, string path)
    {
        var response = await gateway.CallAsync(_apiId, new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Missing Authentication Token\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task UnknownStage_Is403Forbidden()
    {
        var response = await gateway.GetAsync(_apiId, "/staging/items");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Forbidden\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PathForm_ServesTheSameApi()
    {
        var response = await gateway.Http.GetAsync(new Uri(gateway.Endpoint, $"/_aws/execute-api/{_apiId}/prod/items/9"));
        var evt = await GatewayFixture.EventOf(response);

        Assert.Equal("9", evt.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("/prod/items/9", evt.GetProperty("requestContext").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Bodies_AreBase64OnlyForBinaryMediaTypes()
    {
        byte[] binary = [0, 1, 2, 250, 255];
        var binaryEvent = await GatewayFixture.EventOf(await gateway.CallAsync(_apiId, HttpMethod.Post, "/prod/files/up", body: binary, contentType: "application/octet-stream"));
        var imageEvent = await GatewayFixture.EventOf(await gateway.CallAsync(_apiId, HttpMethod.Post, "/prod/files/up", body: binary, contentType: "image/png"));
        var textEvent = await GatewayFixture.EventOf(await gateway.CallAsync(_apiId, HttpMethod.Post, "/prod/files/up", body: Encoding.UTF8.GetBytes("héllo"), contentType: "text/plain"));

        Assert.True(binaryEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(binary, Convert.FromBase64String(binaryEvent.GetProperty("body").GetString()!));
        Assert.True(imageEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(textEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("héllo", textEvent.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Response_StatusHeadersMultiValueHeadersAndBinaryBody_AreMapped()
    {
        var png = Convert.ToBase64String([137, 80, 78, 71]);
        var result = $$"""{"statusCode": 201, "headers": {"X-One": "1", "Content-Type": "image/png"}, "multiValueHeaders": {"X-Many": ["a", "b"]}, "body": "{{png}}", "isBase64Encoded": true}""";

        var binary = await gateway.PostJsonAsync(_apiId, "/prod/raw", result, r => r.Headers.Accept.ParseAdd("image/png"));

        Assert.Equal(HttpStatusCode.Created, binary.StatusCode);
        Assert.Equal("1", binary.Headers.GetValues("X-One").Single());
        Assert.Equal(["a", "b"], binary.Headers.GetValues("X-Many").ToArray());
        Assert.Equal(Convert.FromBase64String(png), await binary.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Response_Base64BodyWithoutBinaryMediaType_GoesOutAsText()
    {
        var text = await gateway.PostJsonAsync(_apiId, "/prod/raw", """{"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "aGk=", "isBase64Encoded": true}""");

        Assert.Equal("aGk=", await text.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"nope": 1}""", null)]
    [InlineData("""{"statusCode": "abc"}""", null)]
    [InlineData("""{"statusCode": 200}""", "1")]
    public async Task MalformedResultOrFunctionError_Is502InternalServerError(string result, string? fail)
    {
        var response = await gateway.PostJsonAsync(_apiId, "/prod/raw", result, r =>
        {
            if (fail is not null)
            {
                r.Headers.Add("x-fail", fail);
            }
        });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\": \"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];
}
