using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Nimbus.WebConsole;

/// <summary>
/// The console's door. When a token is required, the link the server prints (<c>/_nimbus/console/?token=…</c>) trades
/// the token for an HttpOnly, same-site cookie scoped to <c>/_nimbus</c> (the console and the endpoints it reads, see
/// <see cref="NimbusEndpointsAccess"/>), so the token leaves the address bar and the page's scripts never see it;
/// scripts and tools may also send it as <c>Authorization: Bearer …</c>.
/// </summary>
internal sealed class ConsoleAccess
{
    public const string CookieName = "nimbus_console";

    private readonly ConsoleOptions _options;

    public ConsoleAccess(ConsoleOptions options)
    {
        _options = options;
    }

    public bool IsAllowed(HttpRequest request)
    {
        if (!_options.RequireToken)
        {
            return true;
        }
        var presented = request.Cookies[CookieName];
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            presented = authorization["Bearer ".Length..];
        }
        return Matches(presented);
    }

    /// <summary>True when the request carries a valid <c>?token=</c>; the response then sets the cookie.</summary>
    public bool TryAcceptQueryToken(HttpContext http)
    {
        if (!_options.RequireToken || !Matches(http.Request.Query["token"].ToString()))
        {
            return false;
        }
        http.Response.Cookies.Append(CookieName, _options.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            // The console's pages read /_nimbus/costs, /_nimbus/schedules and /_nimbus/health, which ask for it too.
            Path = "/_nimbus",
        });
        return true;
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(_options.Token));
}
