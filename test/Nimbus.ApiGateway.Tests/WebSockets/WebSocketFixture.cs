using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>
/// A real Nimbus server with one Node.js function behind WebSocket APIs. The function records the CONNECT and
/// DISCONNECT events it gets in a bucket (unsigned PUTs to the <c>AWS_ENDPOINT_URL</c> Nimbus gives functions), answers
/// messages with the event it received, pushes to its own connection through <c>/@connections</c> when asked to, and
/// refuses or fails <c>$connect</c> when the query says so.
/// </summary>
public sealed class WebSocketFixture : IAsyncLifetime
{
    private const string FunctionJs = """
        const base = process.env.AWS_ENDPOINT_URL;
        const bucket = process.env.BUCKET;
        async function record(kind, event) {
          await fetch(`${base}/${bucket}/${kind}/${event.requestContext.connectionId}`, { method: "PUT", body: JSON.stringify(event) });
        }
        exports.handler = async (event) => {
          const ctx = event.requestContext || {};
          if (ctx.eventType === "CONNECT") {
            const q = event.queryStringParameters || {};
            if (q.fail) throw new Error("boom");
            await record("connect", event);
            if (q.reject) return { statusCode: Number(q.reject), body: "go away" };
            return { statusCode: 200 };
          }
          if (ctx.eventType === "DISCONNECT") {
            await record("disconnect", event);
            return { statusCode: 200 };
          }
          let body = {};
          try { body = JSON.parse(event.body); } catch { }
          if (body.action === "push") {
            const r = await fetch(`${base}/@connections/${encodeURIComponent(ctx.connectionId)}`, { method: "POST", body: body.text });
            return { statusCode: 200, body: "pushed " + r.status };
          }
          if (body.action === "fail") throw new Error("boom");
          return { statusCode: 200, body: JSON.stringify(event) };
        };
        """;

    public NimbusServerFixture Server { get; } = new();

    public HttpClient Http { get; } = new();

    public string FunctionArn { get; private set; } = "";

    public string Bucket { get; } = "ws-events-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The shared API: <c>$connect</c>, <c>$disconnect</c>, two-way <c>$default</c> and <c>echo</c>, <c>push</c>, <c>fail</c>; stage <c>prod</c>.</summary>
    public string ApiId { get; private set; } = "";

    public Uri Endpoint => new(Server.EndpointUrl);

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        var created = await Server.Boto3.RunAsync($$"""
            s3 = client("s3")
            s3.create_bucket(Bucket="{{Bucket}}")
            lam = client("lambda")
            variables = {"BUCKET": "{{Bucket}}"}
            arn = lam.create_function(FunctionName="ws-" + os.urandom(4).hex(), Runtime="nodejs20.x", Handler="index.handler", Role="arn:aws:iam::000000000000:role/r",
                Code={"ZipFile": zip_of({"index.js": {{JsonSerializer.Serialize(FunctionJs)}}})}, Environment={"Variables": variables}, Timeout=20)["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName=arn)
            print(json.dumps({"arn": arn}))
            """);
        FunctionArn = created.GetProperty("arn").GetString()!;
        ApiId = await CreateApiAsync(["$connect", "$disconnect", "$default", "echo", "push", "fail"], twoWay: ["$default", "echo"]);
    }

    /// <summary>Creates a WebSocket API on the function with these routes (selection on <c>$request.body.action</c>) and an auto-deployed stage <c>prod</c>.</summary>
    public async Task<string> CreateApiAsync(string[] routes, string[] twoWay, string extra = "")
    {
        var result = await Boto3Async($$"""
            api = apigw.create_api(Name="ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")
            id = api["ApiId"]
            integration = apigw.create_integration(ApiId=id, IntegrationType="AWS_PROXY", IntegrationUri="{{FunctionArn}}")["IntegrationId"]
            for key in {{JsonSerializer.Serialize(routes)}}:
                route = apigw.create_route(ApiId=id, RouteKey=key, Target="integrations/" + integration)
                if key in {{JsonSerializer.Serialize(twoWay)}}:
                    apigw.create_route_response(ApiId=id, RouteId=route["RouteId"], RouteResponseKey="$default")
            {{extra}}
            apigw.create_stage(ApiId=id, StageName="prod", AutoDeploy=True)
            print(json.dumps({"id": id}))
            """);
        return result.GetProperty("id").GetString()!;
    }

    public Task<JsonElement> Boto3Async(string script) => Server.Boto3.RunAsync("apigw = client(\"apigatewayv2\")\n" + script);

    /// <summary>The path form of a stage's URL, <c>ws://127.0.0.1:{port}/_aws/execute-api/{apiId}/{stage}</c>.</summary>
    public Uri StageUrl(string apiId, string query = "", string stage = "prod") =>
        new($"ws://127.0.0.1:{Endpoint.Port}/_aws/execute-api/{apiId}/{stage}{query}");

    /// <summary>The same stage as boto3's <c>endpoint_url</c> for apigatewaymanagementapi.</summary>
    public string ManagementEndpoint(string apiId, string stage = "prod") => $"{Server.EndpointUrl}/_aws/execute-api/{apiId}/{stage}";

    public async Task<ClientWebSocket> ConnectAsync(string apiId, string query = "", bool hostForm = false, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("User-Agent", "nimbus-tests/1.0");
        Uri url = StageUrl(apiId, query);
        if (hostForm)
        {
            socket.Options.SetRequestHeader("Host", $"{apiId}.execute-api.localhost:{Endpoint.Port}");
            url = new Uri($"ws://127.0.0.1:{Endpoint.Port}/prod{query}");
        }
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(url, timeout.Token);
        return socket;
    }

    /// <summary>The next text message, or the close frame (as a null text with the socket's close status).</summary>
    public static async Task<string?> ReceiveAsync(ClientWebSocket socket, string phase)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[256 * 1024];
        var total = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(total), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                total += result.Count;
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(buffer, 0, total);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No message arrived while waiting for: " + phase);
        }
    }

    public static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The CONNECT or DISCONNECT event the function recorded for a connection (waits for it: $disconnect runs after the close).</summary>
    public async Task<JsonElement> RecordedAsync(string kind, string connectionId)
    {
        var url = $"{Server.EndpointUrl}/{Bucket}/{kind}/{Uri.EscapeDataString(connectionId)}";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await Http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The function never recorded the {kind} event of {connectionId}");
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
