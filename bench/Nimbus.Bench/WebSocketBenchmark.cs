using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// A WebSocket API in front of a warm no-op Node.js function: round trips of a two-way message (route selection, the
/// MESSAGE event, the invoke, the answer frame) next to a direct Lambda Invoke in the same run, and PostToConnection
/// (the @connections path a function pushes with). Run with <c>bench/run ws [--warm N]</c>.
/// </summary>
internal static class WebSocketBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-bench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = dataDirectory },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var lambda = new LambdaBenchClient(host.Endpoint);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = host.Endpoint };
        try
        {
            const string name = "ws-bench";
            await lambda.CreateNoOpFunctionAsync(name, "nodejs20.x");
            var apiId = await CreateApiAsync(http, $"arn:aws:lambda:us-east-1:000000000000:function:{name}");
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{host.Endpoint.Port}/_aws/execute-api/{apiId}/prod"), CancellationToken.None);
            var message = Encoding.UTF8.GetBytes("""{"action":"ping"}""");
            var buffer = new byte[64 * 1024];
            var connectionId = "";

            async Task<double> RoundTrip()
            {
                var started = Stopwatch.GetTimestamp();
                await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
                await ReceiveAsync(socket, buffer);
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            async Task<double> Post()
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync($"/_aws/execute-api/{apiId}/prod/@connections/{connectionId}", new ByteArrayContent(message));
                response.EnsureSuccessStatusCode();
                await ReceiveAsync(socket, buffer);
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Console.Error.WriteLine($"warm-up, then {options.WarmInvokes} round trips of each kind at concurrency 1...");
            for (var i = 0; i < 200; i++)
            {
                await lambda.TimedInvokeAsync(name);
                await RoundTrip();
            }
            // No route matches "whoami" and there is no $default: the Forbidden frame names the connection, which lets the
            // benchmark post to itself.
            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"action":"whoami"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
            connectionId = await ConnectionIdAsync(socket, buffer);
            var direct = new List<double>();
            var roundTrips = new List<double>();
            var posts = new List<double>();
            for (var i = 0; i < options.WarmInvokes; i++)
            {
                direct.Add(await lambda.TimedInvokeAsync(name));
                roundTrips.Add(await RoundTrip());
                posts.Add(await Post());
            }

            Console.WriteLine();
            Console.WriteLine($"Nimbus WebSocket API benchmark — warm nodejs20.x no-op, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine("| path                                   | p50 (ms) | p99 (ms) |");
            Console.WriteLine("|----------------------------------------|----------|----------|");
            Console.WriteLine($"| Lambda Invoke (direct)                 | {Stats.Percentile(direct, 50),8:F3} | {Stats.Percentile(direct, 99),8:F3} |");
            Console.WriteLine($"| WebSocket two-way message round trip   | {Stats.Percentile(roundTrips, 50),8:F3} | {Stats.Percentile(roundTrips, 99),8:F3} |");
            Console.WriteLine($"| PostToConnection → frame at the client | {Stats.Percentile(posts, 50),8:F3} | {Stats.Percentile(posts, 99),8:F3} |");
            Console.WriteLine($"gateway overhead at p50: {Stats.Percentile(roundTrips, 50) - Stats.Percentile(direct, 50):F3} ms");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<int> ReceiveAsync(ClientWebSocket socket, byte[] buffer)
    {
        var total = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(total), CancellationToken.None);
            total += result.Count;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection");
            }
            if (result.EndOfMessage)
            {
                return total;
            }
        }
    }

    private static async Task<string> ConnectionIdAsync(ClientWebSocket socket, byte[] buffer)
    {
        var length = await ReceiveAsync(socket, buffer);
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("connectionId", out var id) ? id.GetString()! : throw new InvalidOperationException("No connection id in " + text);
    }

    private static async Task<string> CreateApiAsync(HttpClient http, string functionArn)
    {
        var api = await ControlAsync(http, "/v2/apis", new() { ["name"] = "bench", ["protocolType"] = "WEBSOCKET", ["routeSelectionExpression"] = "$request.body.action" });
        var apiId = api.GetProperty("apiId").GetString()!;
        var integration = await ControlAsync(http, $"/v2/apis/{apiId}/integrations", new() { ["integrationType"] = "AWS_PROXY", ["integrationUri"] = functionArn });
        var route = await ControlAsync(http, $"/v2/apis/{apiId}/routes",
            new() { ["routeKey"] = "ping", ["target"] = "integrations/" + integration.GetProperty("integrationId").GetString() });
        await ControlAsync(http, $"/v2/apis/{apiId}/routes/{route.GetProperty("routeId").GetString()}/routeresponses", new() { ["routeResponseKey"] = "$default" });
        await ControlAsync(http, $"/v2/apis/{apiId}/stages", new() { ["stageName"] = "prod", ["autoDeploy"] = "true" });
        return apiId;
    }

    private static async Task<JsonElement> ControlAsync(HttpClient http, string path, Dictionary<string, string> body)
    {
        var json = JsonSerializer.Serialize(body).Replace("\"true\"", "true", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=bench/20261127/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }
}
