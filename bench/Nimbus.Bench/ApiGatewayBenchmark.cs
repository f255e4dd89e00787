using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// An HTTP API in front of a warm no-op Node.js function, next to a direct Lambda Invoke of the same function in the
/// same run: latency p50/p99 at concurrency 1 and requests/s at the configured concurrency. The difference at p50 is
/// what the gateway adds (stage and route selection, event building, response mapping).
/// </summary>
internal static class ApiGatewayBenchmark
{

    public static async Task RunAsync(BenchOptions options)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-bench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = dataDirectory },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var lambda = new LambdaBenchClient(host.Endpoint);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false }) { BaseAddress = host.Endpoint };
        try
        {
            const string name = "apigw-bench";
            // REST proxy integrations need a statusCode (a bare {} is a 502 "Malformed Lambda proxy response" there).
            await lambda.CreateNoOpFunctionAsync(name, "nodejs20.x", """({ statusCode: 200, body: "" })""");
            var apiId = await CreateApiAsync(http, $"arn:aws:lambda:us-east-1:000000000000:function:{name}");
            var apiHost = $"{apiId}.execute-api.localhost:{host.Endpoint.Port}";
            var restHost = $"{await RestApiSetup.CreateAsync(http, $"arn:aws:lambda:us-east-1:000000000000:function:{name}")}.execute-api.localhost:{host.Endpoint.Port}";

            Func<Task<double>> direct = () => lambda.TimedInvokeAsync(name);
            Func<Task<double>> gateway = () => TimedGatewayCallAsync(http, apiHost, "/items/1?q=bench");
            Func<Task<double>> rest = () => TimedGatewayCallAsync(http, restHost, "/prod/items/1?q=bench");
            Console.Error.WriteLine($"warm-up, then {options.WarmInvokes} calls each at concurrency 1, then {options.ThroughputSeconds} s each at concurrency {options.Concurrency}...");
            for (var i = 0; i < 200; i++)
            {
                await direct();
                await gateway();
                await rest();
            }
            var directLatency = new List<double>();
            var gatewayLatency = new List<double>();
            var restLatency = new List<double>();
            for (var i = 0; i < options.WarmInvokes; i++)
            {
                // Interleaved, so both paths see the same machine load.
                directLatency.Add(await direct());
                gatewayLatency.Add(await gateway());
                restLatency.Add(await rest());
            }
            var failures = new StrongBox<int>();
            await RunLoadAsync(gateway, options.Concurrency, options.ThroughputWarmupSeconds, new StrongBox<int>());
            var directRate = await RunLoadAsync(direct, options.Concurrency, options.ThroughputSeconds, failures);
            var gatewayRate = await RunLoadAsync(gateway, options.Concurrency, options.ThroughputSeconds, failures);
            var restRate = await RunLoadAsync(rest, options.Concurrency, options.ThroughputSeconds, failures);

            Console.WriteLine();
            Console.WriteLine($"Nimbus API Gateway benchmark — HTTP API → warm nodejs20.x no-op, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"| path                         | p50 (ms) | p99 (ms) | requests/s @c{options.Concurrency,-3}|");
            Console.WriteLine("|------------------------------|----------|----------|------------------|");
            Console.WriteLine($"| Lambda Invoke (direct)       | {Stats.Percentile(directLatency, 50),8:F3} | {Stats.Percentile(directLatency, 99),8:F3} | {directRate,16:F0} |");
            Console.WriteLine($"| HTTP API (payload 2.0)       | {Stats.Percentile(gatewayLatency, 50),8:F3} | {Stats.Percentile(gatewayLatency, 99),8:F3} | {gatewayRate,16:F0} |");
            Console.WriteLine($"| REST API (Lambda proxy 1.0)  | {Stats.Percentile(restLatency, 50),8:F3} | {Stats.Percentile(restLatency, 99),8:F3} | {restRate,16:F0} |");
            Console.WriteLine($"failed calls under load (not counted): {failures.Value}");
            Console.WriteLine($"gateway overhead at p50: {Stats.Percentile(gatewayLatency, 50) - Stats.Percentile(directLatency, 50):F3} ms (HTTP API), {Stats.Percentile(restLatency, 50) - Stats.Percentile(directLatency, 50):F3} ms (REST API)");
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

    private static async Task<string> CreateApiAsync(HttpClient http, string functionArn) =>
        (await RestApiSetup.SendAsync(http, HttpMethod.Post, "/v2/apis", new() { ["name"] = "bench", ["protocolType"] = "HTTP", ["target"] = functionArn }))
            .GetProperty("apiId").GetString()!;

    private static async Task<double> TimedGatewayCallAsync(HttpClient http, string apiHost, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = apiHost;
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"API call failed: {(int)response.StatusCode}");
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Requests/s at <paramref name="concurrency"/>; calls that failed (not counted) are added to <paramref name="failures"/>.</summary>
    private static async Task<double> RunLoadAsync(Func<Task<double>> call, int concurrency, double seconds, StrongBox<int> failures)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(seconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var n = 0;
            var failed = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    await call();
                    n++;
                }
                catch (InvalidOperationException)
                {
                    // On a machine this loaded a warm function can time out; count it rather than abort the run.
                    failed++;
                }
            }
            return (n, failed);
        }));
        failures.Value += counts.Sum(c => c.failed);
        return counts.Sum(c => c.n) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
