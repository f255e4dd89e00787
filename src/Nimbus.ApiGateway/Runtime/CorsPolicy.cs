using System.Globalization;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// An HTTP API's CORS configuration applied as API Gateway does: it answers preflight <c>OPTIONS</c> requests itself
/// (whatever the routes), and on other responses to an allowed origin it sets the CORS headers, replacing any the
/// integration returned.
/// </summary>
internal static class CorsPolicy
{
    public static bool IsPreflight(GatewayRequest request) =>
        request.Method == "OPTIONS" && request.Header("origin") is not null && request.Header("access-control-request-method") is not null;

    public static GatewayResponse Preflight(Cors cors, GatewayRequest request)
    {
        var response = new GatewayResponse(204);
        var origin = request.Header("origin")!;
        var method = request.Header("access-control-request-method")!;
        if (AllowedOrigin(cors, origin) is not { } allowedOrigin || !Contains(cors.AllowMethods, method))
        {
            return response;
        }
        response.Headers.Add(new("access-control-allow-origin", allowedOrigin));
        response.Headers.Add(new("access-control-allow-methods", Join(cors.AllowMethods)));
        if (cors.AllowHeaders is { Count: > 0 })
        {
            response.Headers.Add(new("access-control-allow-headers", Join(cors.AllowHeaders)));
        }
        if (cors.MaxAge is { } maxAge and >= 0)
        {
            response.Headers.Add(new("access-control-max-age", maxAge.ToString(CultureInfo.InvariantCulture)));
        }
        if (cors.AllowCredentials == true)
        {
            response.Headers.Add(new("access-control-allow-credentials", "true"));
        }
        return response;
    }

    public static void Decorate(Cors cors, GatewayRequest request, GatewayResponse response)
    {
        if (request.Header("origin") is not { } origin || AllowedOrigin(cors, origin) is not { } allowedOrigin)
        {
            return;
        }
        response.Headers.RemoveAll(h => h.Key.StartsWith("access-control-", StringComparison.OrdinalIgnoreCase));
        response.Headers.Add(new("access-control-allow-origin", allowedOrigin));
        if (cors.ExposeHeaders is { Count: > 0 })
        {
            response.Headers.Add(new("access-control-expose-headers", Join(cors.ExposeHeaders)));
        }
        if (cors.AllowCredentials == true)
        {
            response.Headers.Add(new("access-control-allow-credentials", "true"));
        }
        response.Headers.Add(new("vary", "origin"));
    }

    /// <summary>The value of <c>access-control-allow-origin</c>: <c>*</c>, or the origin itself when listed.</summary>
    private static string? AllowedOrigin(Cors cors, string origin)
    {
        if (cors.AllowOrigins is not { Count: > 0 } origins)
        {
            return null;
        }
        if (origins.Contains("*"))
        {
            return "*";
        }
        return origins.Any(o => string.Equals(o.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) ? origin : null;
    }

    private static bool Contains(List<string>? list, string value) =>
        list is { Count: > 0 } && (list.Contains("*") || list.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)));

    private static string Join(List<string>? values) => string.Join(',', values ?? []);
}
