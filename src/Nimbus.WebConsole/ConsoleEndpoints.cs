using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.WebConsole;

/// <summary>
/// <c>/_nimbus/console/</c>: the single-page console (embedded files) and <c>api/session</c>, which tells the page
/// which key to sign its AWS requests with. Everything else the console shows comes from the AWS APIs and the other
/// <c>/_nimbus/</c> endpoints, called from the browser like any client.
/// </summary>
public static class ConsoleEndpoints
{
    public const string BasePath = "/_nimbus/console";

    public static IServiceCollection AddNimbusConsole(this IServiceCollection services, ConsoleOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<ConsoleAssets>();
        return services;
    }

    public static IEndpointRouteBuilder MapNimbusConsole(this IEndpointRouteBuilder endpoints)
    {
        var access = endpoints.ServiceProvider.GetRequiredService<ConsoleAccess>();
        var assets = endpoints.ServiceProvider.GetRequiredService<ConsoleAssets>();
        var options = endpoints.ServiceProvider.GetRequiredService<ConsoleOptions>();
        endpoints.MapGet(BasePath + "/api/session", (HttpContext http) => access.IsAllowed(http.Request)
            ? Results.Json(options.Session, ConsoleJsonContext.Default.ConsoleSession)
            : Unauthorized());
        endpoints.MapGet(BasePath + "/{**path}", (HttpContext http, string? path) =>
        {
            if (!http.Request.Path.Value!.StartsWith(BasePath + "/", StringComparison.Ordinal))
            {
                return Results.Redirect(BasePath + "/" + http.Request.QueryString);
            }
            if (access.TryAcceptQueryToken(http))
            {
                // Drop the token from the address bar (and from history) now that the cookie carries it.
                return Results.Redirect(BasePath + "/");
            }
            if (!access.IsAllowed(http.Request))
            {
                return Unauthorized();
            }
            // Client-side routes (#/functions/x) all load index.html; only real files have an extension.
            var asset = assets.Find(string.IsNullOrEmpty(path) || !Path.HasExtension(path) ? "index.html" : path);
            if (asset is null)
            {
                return Results.NotFound();
            }
            if (http.Request.Headers.IfNoneMatch == asset.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            http.Response.Headers.ETag = asset.ETag;
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType);
        });
        return endpoints;
    }

    private static IResult Unauthorized() => Results.Content(
        "<!doctype html><title>Nimbus console</title><p>This Nimbus server listens beyond this machine, so its console "
        + "needs the link with <code>?token=</code> that the server printed when it started.</p>",
        "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
}
