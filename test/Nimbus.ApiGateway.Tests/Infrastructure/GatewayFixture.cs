using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Nimbus.ApiGateway.Tests.Infrastructure;

/// <summary>
/// A real Nimbus server with the Lambda functions the API Gateway tests put behind their APIs, created once through
/// the Lambda API with boto3: an event echo (Node.js and Python), a responder that returns whatever the request
/// body says (or throws, or sleeps), and a Lambda authorizer.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private const string EchoJs = """
        exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(event) });
        """;

    private const string ResponderJs = """
        exports.handler = async (event) => {
          const h = event.headers || {};
          if (h["x-fail"]) throw new Error("boom");
          if (h["x-sleep-ms"]) await new Promise(r => setTimeout(r, Number(h["x-sleep-ms"])));
          const body = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString() : event.body;
          return JSON.parse(body);
        };
        """;

    private const string AuthorizerJs = """
        exports.handler = async (event) => {
          const token = (event.headers || {})["authorization"] || "";
          const nonce = Math.random().toString(36).slice(2);
          if (process.env.MODE === "iam") {
            return { principalId: "user-1", context: { user: "alice", nonce },
              policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: token === "allow" ? "Allow" : "Deny", Resource: [event.routeArn] }] } };
          }
          return { isAuthorized: token === "allow", context: { user: "alice", nonce, routeArn: event.routeArn, identity: event.identitySource } };
        };
        """;

    private const string EchoPy = """
        import json
        def handler(event, context):
            return {"statusCode": 200, "body": json.dumps(event)}
        """;

    public NimbusServerFixture Server { get; } = new();

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public string EchoArn { get; private set; } = "";
    public string EchoPythonArn { get; private set; } = "";
    public string ResponderArn { get; private set; } = "";
    public string AuthorizerArn { get; private set; } = "";
    public string IamAuthorizerArn { get; private set; } = "";

    public Uri Endpoint => new(Server.EndpointUrl);

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        var script = $$"""
            lam = client("lambda")
            suffix = os.urandom(4).hex()
            specs = {
              "echo": ("nodejs20.x", "index.handler", {"index.js": {{Py(EchoJs)}}}, {}, 10),
              "responder": ("nodejs20.x", "index.handler", {"index.js": {{Py(ResponderJs)}}}, {}, 10),
              "authorizer": ("nodejs20.x", "index.handler", {"index.js": {{Py(AuthorizerJs)}}}, {}, 10),
              "iamauth": ("nodejs20.x", "index.handler", {"index.js": {{Py(AuthorizerJs)}}}, {"MODE": "iam"}, 10),
              "echopy": ("python3.12", "app.handler", {"app.py": {{Py(EchoPy)}}}, {}, 10),
            }
            out = {}
            for key, (runtime, handler, files, env, timeout) in specs.items():
                name = key + "-" + suffix
                r = lam.create_function(FunctionName=name, Runtime=runtime, Handler=handler, Role="arn:aws:iam::000000000000:role/r",
                                        Code={"ZipFile": zip_of(files)}, Environment={"Variables": env}, Timeout=timeout)
                out[key] = r["FunctionArn"]
            for arn in out.values():
                lam.get_waiter("function_active_v2").wait(FunctionName=arn)
            print(json.dumps(out))
            """;
        var arns = await Server.Boto3.RunAsync(script);
        EchoArn = arns.GetProperty("echo").GetString()!;
        ResponderArn = arns.GetProperty("responder").GetString()!;
        AuthorizerArn = arns.GetProperty("authorizer").GetString()!;
        IamAuthorizerArn = arns.GetProperty("iamauth").GetString()!;
        EchoPythonArn = arns.GetProperty("echopy").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Runs a boto3 script with <c>apigw = client("apigatewayv2")</c> ready.</summary>
    public Task<JsonElement> Boto3Async(string script) => Server.Boto3.RunAsync("apigw = client(\"apigatewayv2\")\n" + script);

    /// <summary>Calls an API over real HTTP on its execute-api host name (<c>{apiId}.execute-api.localhost:{port}</c>).</summary>
    public Task<HttpResponseMessage> CallAsync(string apiId, HttpMethod method, string pathAndQuery, Action<HttpRequestMessage>? configure = null, byte[]? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Endpoint, pathAndQuery));
        request.Headers.Host = $"{apiId}.execute-api.localhost:{Endpoint.Port}";
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }
        configure?.Invoke(request);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string apiId, string pathAndQuery, Action<HttpRequestMessage>? configure = null) =>
        CallAsync(apiId, HttpMethod.Get, pathAndQuery, configure);

    /// <summary>Calls with a JSON body (the responder function returns what it says).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string apiId, string path, string json, Action<HttpRequestMessage>? configure = null) =>
        CallAsync(apiId, HttpMethod.Post, path, configure, Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>The event an echo function received, from its response body.</summary>
    public static async Task<JsonElement> EventOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Py(string source) => JsonSerializer.Serialize(source.Replace("\r", "", StringComparison.Ordinal));
}
