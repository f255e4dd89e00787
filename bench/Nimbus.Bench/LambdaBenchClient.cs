using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Nimbus.Bench;

/// <summary>A lean Lambda client over HttpClient, so the benchmark measures Nimbus rather than a client's overhead.</summary>
internal sealed class LambdaBenchClient : IDisposable
{
    private static readonly byte[] Payload = "{}"u8.ToArray();
    private readonly HttpClient _http;

    public LambdaBenchClient(Uri endpoint)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false })
        {
            BaseAddress = endpoint,
            Timeout = TimeSpan.FromSeconds(60),
        };
        // Nimbus accepts any key; a well-formed SigV4 header routes the request by its credential scope.
        _http.DefaultRequestHeaders.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=bench/20261127/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
    }

    /// <summary>A function answering <paramref name="nodeResult"/> (Node.js; Python answers <c>{}</c>).</summary>
    /// <param name="memorySizeMb">As Lambda, the sandbox's CPU share follows it (1,769 MB is one vCPU).</param>
    public async Task CreateNoOpFunctionAsync(string name, string runtime, string nodeResult = "{}", int memorySizeMb = 128)
    {
        var (file, handler, source) = runtime.StartsWith("python", StringComparison.Ordinal)
            ? ("app.py", "app.handler", "def handler(event, context):\n    return {}\n")
            : ("index.js", "index.handler", $"exports.handler = async () => ({nodeResult});\n");
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["FunctionName"] = name,
            ["Runtime"] = runtime,
            ["Handler"] = handler,
            ["MemorySize"] = memorySizeMb,
            ["Role"] = "arn:aws:iam::000000000000:role/bench",
            ["Code"] = new Dictionary<string, string> { ["ZipFile"] = Convert.ToBase64String(Zip(file, source)) },
        });
        using var response = await _http.PostAsync("/2015-03-31/functions", new StringContent(body, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"CreateFunction {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        // Wait until Active, as `aws lambda wait function-active-v2` does.
        for (var i = 0; i < 200; i++)
        {
            using var state = await _http.GetAsync($"/2015-03-31/functions/{name}/configuration");
            using var document = JsonDocument.Parse(await state.Content.ReadAsStringAsync());
            if (document.RootElement.GetProperty("State").GetString() == "Active")
            {
                return;
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"{name} did not become Active");
    }

    /// <summary>One synchronous invoke; returns its latency in milliseconds.</summary>
    public async Task<double> TimedInvokeAsync(string name)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(Payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync($"/2015-03-31/functions/{name}/invocations", content);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || response.Headers.Contains("X-Amz-Function-Error"))
        {
            throw new InvalidOperationException($"Invoke {name} failed: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public void Dispose() => _http.Dispose();

    private static byte[] Zip(string name, string source)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(source);
        }
        return buffer.ToArray();
    }
}
