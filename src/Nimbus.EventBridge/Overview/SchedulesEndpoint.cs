using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.Core;
using Nimbus.Protocol.SigV4;

namespace Nimbus.EventBridge.Overview;

/// <summary>
/// <c>GET /_nimbus/schedules[?account=…&amp;region=…&amp;firings=N]</c>: every EventBridge Scheduler schedule and every
/// rule, with expression, time zone, state, targets, the next five fire times and the last firings (default 20, at most
/// 50). <c>POST /_nimbus/schedules/run</c> with <c>{"kind":"schedule"|"rule","account","region","group"|"bus","name"}</c>
/// fires one now. Reading is as open as <c>/_nimbus/costs</c>; running must be SigV4-signed (service <c>scheduler</c>)
/// like any AWS call that changes something, which also keeps other web pages from triggering it.
/// </summary>
internal sealed class SchedulesEndpoint
{
    private readonly ScheduleOverviewService _overview;
    private readonly SigV4Verifier _signatures;

    public SchedulesEndpoint(ScheduleOverviewService overview, SigV4Verifier signatures)
    {
        _overview = overview;
        _signatures = signatures;
    }

    public async Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var account = query["account"].ToString();
        var region = query["region"].ToString();
        var firingsText = query["firings"].ToString();
        var firings = 20;
        if (firingsText.Length > 0 && (!int.TryParse(firingsText, NumberStyles.None, CultureInfo.InvariantCulture, out firings) || firings < 1 || firings > 50))
        {
            await ErrorAsync(http, 400, $"firings must be a whole number from 1 to 50, got '{firingsText}'");
            return;
        }
        if ((account.Length > 0) != (region.Length > 0))
        {
            await ErrorAsync(http, 400, "account and region go together");
            return;
        }
        var overview = _overview.Build(account.Length > 0 ? new AwsScope(account, region) : null, firings);
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
        SchedulesJson.Write(json, overview);
        await json.FlushAsync(http.RequestAborted);
    }

    public async Task RunAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        if (Refusal(http.Request, body) is { } refusal)
        {
            await ErrorAsync(http, 403, refusal);
            return;
        }
        string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        JsonElement request;
        try
        {
            request = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException exception)
        {
            await ErrorAsync(http, 400, "The body is not valid JSON: " + exception.Message);
            return;
        }
        if (request.ValueKind != JsonValueKind.Object || Text(request, "kind") is not { } kind || Text(request, "name") is not { } name
            || Text(request, "account") is not { } account || Text(request, "region") is not { } region)
        {
            await ErrorAsync(http, 400, "kind, name, account and region are required strings");
            return;
        }
        try
        {
            var result = _overview.RunNow(new AwsScope(account, region), kind, Text(request, "group") ?? Text(request, "bus"), name);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(
                $$"""{"firedAt":"{{SchedulesJson.Time(result.At)}}","deliveries":{{result.Deliveries}}}""", http.RequestAborted);
        }
        catch (AwsServiceException exception)
        {
            await ErrorAsync(http, exception.ErrorCode == "ResourceNotFoundException" ? 404 : 400, exception.Message);
        }
    }

    /// <summary>Why a run request is refused, or null when it carries a good SigV4 signature.</summary>
    private string? Refusal(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return "Running a schedule needs a SigV4-signed request (service 'scheduler'), as any AWS call that changes something.";
        }
        var parsed = SigV4AuthorizationParser.Parse(authorization, request.Headers.ContainsKey("X-Amz-Date") || request.Headers.ContainsKey("Date"));
        if (parsed.Credential is not { } credential)
        {
            return parsed.Error ?? "The Authorization header is not a valid SigV4 header.";
        }
        if (credential.Service != "scheduler")
        {
            return "Credential should be scoped to correct service: 'scheduler'.";
        }
        var verification = _signatures.Verify(request, credential, Convert.ToHexStringLower(SHA256.HashData(body)));
        return verification.Outcome is SigV4Outcome.Verified or SigV4Outcome.UnknownKeyAccepted
            ? null
            : $"The request signature was refused ({verification.Outcome}).";
    }

    private static async Task ErrorAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync($$"""{"error":"{{JsonEncodedText.Encode(message)}}"}""", http.RequestAborted);
    }
}
