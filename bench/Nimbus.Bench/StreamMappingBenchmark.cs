using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Streams;
using Nimbus.Lambda.EventSources;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// DynamoDB stream → Lambda event source mapping: how many stream records per second reach a no-op Python function
/// (N items written with BatchWriteItem, timed until the mapping's checkpoint passes the last record) at BatchSize 1
/// and 100, and the latency from one PutItem's answer until the function has finished with its record (p50/p99).
/// <c>bench/run streams [items]</c>. At BatchSize 1 every record is one synchronous invoke, so that phase writes a
/// quarter of the items (at least 100): on a loaded machine 2,000 one-record invokes took longer than the run was given.
/// A phase whose checkpoint stops moving for <see cref="StallTimeout"/> ends the run with the mapping's last result.
/// </summary>
internal static class StreamMappingBenchmark
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string[] args)
    {
        var requested = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-bench-streams-" + Guid.NewGuid().ToString("N")[..8]);
        await using var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = dataDirectory },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var lambda = new LambdaBenchClient(host.Endpoint);
        using var http = new HttpClient { BaseAddress = host.Endpoint };
        var store = host.Services.GetRequiredService<IEventSourceMappingStore>();
        var streams = host.Services.GetRequiredService<ITableStreamSource>();
        try
        {
            await lambda.CreateNoOpFunctionAsync("on-stream", "python3.12");
            var rows = new List<string>();
            foreach (var batchSize in new[] { 1, 100 })
            {
                var items = batchSize == 1 ? Math.Min(requested, Math.Max(100, requested / 4)) : requested;
                var (table, stream) = await CreateTableAsync(http, "bench-" + batchSize);
                var uuid = await CreateMappingAsync(http, stream, batchSize);
                Console.Error.WriteLine($"[streams] BatchSize {batchSize}: {items} items...");
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < items; i += 25)
                {
                    var puts = Enumerable.Range(i, Math.Min(25, items - i)).Select(n => "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"k" + n + "\"},\"v\":{\"S\":\"" + new string('x', 200) + "\"}}}}");
                    await DynamoAsync(http, "BatchWriteItem", $$$"""{"RequestItems":{"{{{table}}}":[{{{string.Join(',', puts)}}}]}}""");
                }
                var written = clock.Elapsed.TotalSeconds;
                await WaitForCheckpointAsync(http, store, uuid, streams.LatestSequenceNumber(stream)!);
                var total = clock.Elapsed.TotalSeconds;
                rows.Add($"| {batchSize,9} | {items,7} | {written,9:F2} | {total,11:F2} | {items / total,9:F0} |");
                Console.Error.WriteLine($"[streams] BatchSize {batchSize}: {items / total:F0} records/s");
            }

            var (latencyTable, latencyStream) = await CreateTableAsync(http, "bench-latency");
            var latencyUuid = await CreateMappingAsync(http, latencyStream, 1);
            var latencies = new List<double>();
            for (var i = 0; i < 50; i++)
            {
                var clock = Stopwatch.StartNew();
                await DynamoAsync(http, "PutItem", "{\"TableName\":\"" + latencyTable + "\",\"Item\":{\"pk\":{\"S\":\"l" + i + "\"}}}");
                await WaitForCheckpointAsync(http, store, latencyUuid, streams.LatestSequenceNumber(latencyStream)!);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine("| BatchSize |   items | written s | delivered s | records/s |");
            Console.WriteLine("|----------:|--------:|----------:|------------:|----------:|");
            rows.ForEach(Console.WriteLine);
            Console.WriteLine();
            Console.WriteLine($"PutItem → function done (BatchSize 1, 50 samples): p50 {Stats.Percentile(latencies, 50):F1} ms, p99 {Stats.Percentile(latencies, 99):F1} ms");
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

    /// <summary>Until the mapping's checkpoint reaches <paramref name="last"/>; fails with the mapping's state when it stops moving.</summary>
    private static async Task WaitForCheckpointAsync(HttpClient http, IEventSourceMappingStore store, string uuid, string last)
    {
        var seen = store.GetCheckpoint(uuid);
        var moved = Stopwatch.StartNew();
        while (seen != last)
        {
            await Task.Delay(2);
            var now = store.GetCheckpoint(uuid);
            if (now != seen)
            {
                seen = now;
                moved.Restart();
            }
            else if (moved.Elapsed > StallTimeout)
            {
                var mapping = await http.GetStringAsync("/2015-03-31/event-source-mappings/" + uuid);
                throw new TimeoutException($"mapping {uuid} made no progress for {StallTimeout.TotalSeconds:F0} s at checkpoint {seen ?? "(none)"}, waiting for {last}: {mapping}");
            }
        }
    }

    private static async Task<(string Table, string Stream)> CreateTableAsync(HttpClient http, string name)
    {
        using var created = JsonDocument.Parse(await DynamoAsync(http, "CreateTable", $$$"""
            {"TableName":"{{{name}}}","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
             "BillingMode":"PAY_PER_REQUEST","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}
            """));
        return (name, created.RootElement.GetProperty("TableDescription").GetProperty("LatestStreamArn").GetString()!);
    }

    private static async Task<string> CreateMappingAsync(HttpClient http, string stream, int batchSize)
    {
        using var content = new StringContent("{\"EventSourceArn\":\"" + stream + "\",\"FunctionName\":\"on-stream\",\"StartingPosition\":\"LATEST\",\"BatchSize\":" + batchSize + "}",
            Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/2015-03-31/event-source-mappings", content);
        using var mapping = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var uuid = mapping.RootElement.GetProperty("UUID").GetString()!;
        while (true)
        {
            using var state = JsonDocument.Parse(await http.GetStringAsync("/2015-03-31/event-source-mappings/" + uuid));
            if (state.RootElement.GetProperty("State").GetString() == "Enabled")
            {
                return uuid;
            }
            await Task.Delay(10);
        }
    }

    private static async Task<string> DynamoAsync(HttpClient http, string operation, string body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + operation);
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{operation} failed: {(int)response.StatusCode} {text}");
    }
}
