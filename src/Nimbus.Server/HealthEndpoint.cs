using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.Execution;
using Nimbus.Protocol;

namespace Nimbus.Server;

/// <summary><c>GET /_nimbus/health</c>: version, uptime, the isolation level in force, runtimes available here.</summary>
internal sealed class HealthEndpoint
{
    private static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly IExecutionEngine _engine;
    private readonly IEnumerable<IAwsServiceHandler> _services;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;

    public HealthEndpoint(IExecutionEngine engine, IEnumerable<IAwsServiceHandler> services, TimeProvider time)
    {
        _engine = engine;
        _services = services;
        _time = time;
        _startedAt = time.GetUtcNow();
    }

    public async Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", "running");
        json.WriteString("version", Version);
        json.WriteNumber("uptimeSeconds", Math.Round((_time.GetUtcNow() - _startedAt).TotalSeconds, 3));
        json.WriteString("isolation", _engine.IsolationLevel);
        json.WriteString("network", _engine.NetworkIsolation);
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
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
