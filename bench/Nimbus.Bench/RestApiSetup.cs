using System.Text;
using System.Text.Json;

namespace Nimbus.Bench;

/// <summary>
/// Creates, through the <c>apigateway</c> control plane, a REST API with <c>GET /items/{id}</c> as an AWS_PROXY
/// integration to a function, deployed to stage <c>prod</c>; returns its id.
/// </summary>
internal static class RestApiSetup
{
    public static async Task<string> CreateAsync(HttpClient http, string functionArn)
    {
        var api = await SendAsync(http, HttpMethod.Post, "/restapis", new() { ["name"] = "bench" });
        var id = api.GetProperty("id").GetString()!;
        var items = await SendAsync(http, HttpMethod.Post, $"/restapis/{id}/resources/{api.GetProperty("rootResourceId").GetString()}", new() { ["pathPart"] = "items" });
        var item = await SendAsync(http, HttpMethod.Post, $"/restapis/{id}/resources/{items.GetProperty("id").GetString()}", new() { ["pathPart"] = "{id}" });
        var method = $"/restapis/{id}/resources/{item.GetProperty("id").GetString()}/methods/GET";
        await SendAsync(http, HttpMethod.Put, method, new() { ["authorizationType"] = "NONE" });
        await SendAsync(http, HttpMethod.Put, method + "/integration", new()
        {
            ["type"] = "AWS_PROXY",
            ["httpMethod"] = "POST",
            ["uri"] = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{functionArn}/invocations",
        });
        await SendAsync(http, HttpMethod.Post, $"/restapis/{id}/deployments", new() { ["stageName"] = "prod" });
        return id;
    }

    /// <summary>A control-plane call (apigateway or apigatewayv2) signed with an unknown key, accepted unverified as by any emulator.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, Dictionary<string, string> body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261127T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=bench/20261127/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} failed: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
