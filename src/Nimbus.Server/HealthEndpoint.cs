using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.Execution;
using Nimbus.Protocol;

namespace Nimbus.Server;

/// <summary>
/// <c>GET /_nimbus/health</c>: version, uptime, the isolation level in force, runtimes available here, execution
/// environments warm and busy per function, and how much the data directory holds.
/// </summary>
internal sealed class HealthEndpoint
{
    private static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly IExecutionEngine _engine;
    private readonly IEnumerable<IAwsServiceHandler> _services;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;

    private readonly NimbusOptions _options;

    public HealthEndpoint(IExecutionEngine engine, IEnumerable<IAwsServiceHandler> services, TimeProvider time, NimbusOptions options)
    {
        _options = options;
        _engine = engine;
        _services = services;
        _time = time;
        _startedAt = time.GetUtcNow();
    }

    public async Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("status", "running");
        json.WriteString("version", Version);
        json.WriteNumber("uptimeSeconds", Math.Round((_time.GetUtcNow() - _startedAt).TotalSeconds, 3));
        json.WriteString("isolation", _engine.IsolationLevel);
        json.WriteString("network", _engine.NetworkIsolation);
        // When a DynamoDB write is answered: after its fsync, or once it is in the WAL (--dynamodb-durability).
        json.WriteString("dynamodbDurability", _options.DynamoDbDurability.ToString().ToLowerInvariant());
        json.WriteStartArray("services");
        foreach (var service in _services)
        {
            json.WriteStringValue(service.Descriptor.SigningName);
        }
        json.WriteEndArray();
        json.WriteStartObject("runtimes");
        json.WriteStartArray("available");
        foreach (var id in _engine.Runtimes.AvailableIdentifiers)
        {
            json.WriteStringValue(id);
        }
        json.WriteEndArray();
        json.WriteStartArray("unavailable");
        foreach (var runtime in _engine.Runtimes.All.Where(r => !r.IsAvailable && !r.IsBlocked))
        {
            json.WriteStringValue(runtime.Identifier);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        WriteEnvironments(json);
        json.WriteStartObject("dataDirectory");
        json.WriteString("path", Path.GetFullPath(_options.DataDirectory));
        json.WriteNumber("bytes", DirectorySize(_options.DataDirectory));
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    /// <summary>Per function (account/region/name), its environments across versions and configurations.</summary>
    private void WriteEnvironments(Utf8JsonWriter json)
    {
        json.WriteStartArray("environments");
        foreach (var function in _engine.Snapshot().GroupBy(p => p.FunctionKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("function", function.Key);
            json.WriteNumber("idle", function.Sum(p => p.Idle));
            json.WriteNumber("busy", function.Sum(p => p.Busy));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static long DirectorySize(string path)
    {
        var directory = new DirectoryInfo(path);
        if (!directory.Exists)
        {
            return 0;
        }
        long total = 0;
        // Files come and go while we count (temp uploads, stem cells): a vanished file is simply not counted.
        foreach (var file in directory.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            try
            {
                total += file.Length;
            }
            catch (IOException)
            {
            }
        }
        return total;
    }
}
