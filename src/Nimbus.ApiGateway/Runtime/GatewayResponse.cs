using Microsoft.AspNetCore.Http;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>What the data plane answers: status, headers (names as they go on the wire) and body.</summary>
internal sealed class GatewayResponse
{
    public GatewayResponse(int statusCode) => StatusCode = statusCode;

    public int StatusCode { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>API Gateway's own answers: <c>{"message":"Not Found"}</c> and the like.</summary>
    public static GatewayResponse Message(int status, string message)
    {
        var response = new GatewayResponse(status) { Body = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"" + message + "\"}") };
        response.Headers.Add(new("content-type", "application/json"));
        return response;
    }

    public static GatewayResponse NotFound() => Message(404, "Not Found");

    public static GatewayResponse InternalServerError() => Message(500, "Internal Server Error");

    public static GatewayResponse ServiceUnavailable() => Message(503, "Service Unavailable");

    public static GatewayResponse Unauthorized() => Message(401, "Unauthorized");

    public static GatewayResponse Forbidden() => Message(403, "Forbidden");

    public static GatewayResponse TooManyRequests() => Message(429, "Too Many Requests");

    public void SetHeader(string name, string value)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        Headers.Add(new(name, value));
    }

    public async Task WriteAsync(HttpResponse http, CancellationToken cancellationToken)
    {
        http.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            if (IsHopByHop(name))
            {
                continue;
            }
            http.Headers.Append(name, value);
        }
        if (StatusCode is 204 or 304)
        {
            // No body and no Content-Length on these statuses (Kestrel refuses either).
            return;
        }
        http.ContentLength = Body.Length;
        if (Body.Length > 0 && !HttpMethods.IsHead(http.HttpContext.Request.Method))
        {
            await http.Body.WriteAsync(Body, cancellationToken);
        }
    }

    private static bool IsHopByHop(string name) =>
        name.Equals("content-length", StringComparison.OrdinalIgnoreCase) || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase) || name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("upgrade", StringComparison.OrdinalIgnoreCase);
}
