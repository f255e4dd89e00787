using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Nimbus.ApiGateway.Tests.Infrastructure;

/// <summary>
/// An OpenID issuer on a local port: <c>/.well-known/openid-configuration</c> names <c>/jwks.json</c>, which
/// publishes the RSA key that <see cref="Token"/> signs with (RS256).
/// </summary>
public sealed class JwtIssuer : IAsyncDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private LocalHttpServer? _server;

    public string Issuer => _server!.Url.ToString().TrimEnd('/');

    public const string Kid = "test-key-1";

    public static async Task<JwtIssuer> StartAsync()
    {
        var issuer = new JwtIssuer();
        issuer._server = await LocalHttpServer.StartAsync(issuer.ServeAsync);
        return issuer;
    }

    private Task ServeAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        if (http.Request.Path == "/.well-known/openid-configuration")
        {
            return http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = Issuer, ["jwks_uri"] = Issuer + "/jwks.json" }));
        }
        if (http.Request.Path == "/jwks.json")
        {
            return http.Response.WriteAsync(Jwks(_key, Kid));
        }
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    /// <summary>A signed token; <paramref name="claims"/> override the defaults (iss, aud, exp in an hour, sub).</summary>
    public string Token(Dictionary<string, object>? claims = null, bool signWithStranger = false)
    {
        var payload = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = "my-audience",
            ["sub"] = "user-123",
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        foreach (var (key, value) in claims ?? [])
        {
            payload[key] = value;
        }
        return Sign(signWithStranger ? _stranger : _key, Kid, payload);
    }

    /// <summary>A JWKS document publishing <paramref name="key"/>'s public half as <paramref name="kid"/>.</summary>
    public static string Jwks(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        var jwk = new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { jwk } });
    }

    /// <summary>An RS256 JWT of <paramref name="payload"/> signed with <paramref name="key"/>.</summary>
    public static string Sign(RSA key, string kid, Dictionary<string, object> payload)
    {
        var header = B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = kid })));
        var body = B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + body + "." + B64(signature);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _key.Dispose();
        _stranger.Dispose();
    }
}
