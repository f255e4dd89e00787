using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.WebConsole;

/// <summary>
/// The console's door in front of Nimbus's other endpoints: <c>/_nimbus/costs</c>, <c>/_nimbus/schedules</c> (and its
/// <c>run</c>), <c>/_nimbus/metrics</c> and every <c>/_nimbus/</c> path to come answer what the console itself shows,
/// so a server bound beyond loopback asks the same token for them — the console's cookie (scoped to <c>/_nimbus</c>)
/// or <c>Authorization: Bearer …</c>, which Prometheus sends natively (<c>authorization:</c> in a scrape config).
/// <c>/_nimbus/health</c> stays answerable for liveness probes and start-up waits, but without the token it says only
/// that the server runs: its functions, runtimes and data directory are for token holders.
/// </summary>
public static class NimbusEndpointsAccess
{
    private static readonly PathString Root = new("/_nimbus");
    private static readonly PathString Console = new(ConsoleEndpoints.BasePath);
    private static readonly PathString Health = new("/_nimbus/health");

    /// <summary>Adds the check; call before routing so no <c>/_nimbus/</c> endpoint runs for a refused request.</summary>
    public static IApplicationBuilder UseNimbusEndpointsAccess(this IApplicationBuilder app)
    {
        var access = app.ApplicationServices.GetRequiredService<ConsoleAccess>();
        return app.Use((http, next) =>
        {
            var path = http.Request.Path;
            // Routing matches paths case-insensitively, so the check does too; the console runs its own door (the
            // printed link's ?token= is accepted there).
            if (!path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments(Console, StringComparison.OrdinalIgnoreCase)
                || access.IsAllowed(http.Request))
            {
                return next(http);
            }
            if (path.Equals(Health, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(http.Request.Method))
            {
                return Results.Json(new NimbusLiveness("running"), ConsoleJsonContext.Default.NimbusLiveness).ExecuteAsync(http);
            }
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"nimbus\"";
            return Results.Json(new NimbusRefusal("This Nimbus server listens beyond this machine: send the console token "
                + "it printed at start-up as 'Authorization: Bearer <token>', or open the console's link first."),
                ConsoleJsonContext.Default.NimbusRefusal, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
        });
    }
}
