using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// The RFC 6455 opening handshake, done here rather than by ASP.NET Core's WebSocket middleware so the data plane decides
/// after <c>$connect</c> whether to accept (101) or refuse with the function's status — and the host needs no change.
/// </summary>
internal static class WebSocketHandshake
{
    private const string Magic = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static bool IsUpgrade(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && http.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
        && http.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
        && http.Request.Headers.SecWebSocketKey.ToString().Length > 0;

    /// <summary>Answers 101 and returns the server side of the socket; <paramref name="subProtocol"/> is what <c>$connect</c> chose.</summary>
    public static async Task<WebSocket> AcceptAsync(HttpContext http, string? subProtocol, TimeSpan keepAlive)
    {
        var key = http.Request.Headers.SecWebSocketKey.ToString().Trim();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Magic)));
        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers.Upgrade = "websocket";
        http.Response.Headers.SecWebSocketAccept = accept;
        if (subProtocol is not null)
        {
            http.Response.Headers.SecWebSocketProtocol = subProtocol;
        }
        var stream = await http.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = keepAlive });
    }
}
