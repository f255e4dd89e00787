using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Nimbus.ApiGateway.Tests.Infrastructure;

/// <summary>
/// Two Cognito-like user pools on a local port, each with its own signing key: <see cref="DefaultPool"/> publishes
/// its JWKS where Cognito does (<c>{issuer}/.well-known/jwks.json</c>), <see cref="MappedPool"/> at an unrelated path
/// (<c>/keys/mapped.json</c>) that only a Nimbus mapping can find. Issuers are <c>{BaseUrl}/{poolId}</c>.
/// </summary>
public sealed class CognitoPools : IAsyncDisposable
{
    public const string DefaultPool = "us-east-1_DefaultPool";
    public const string MappedPool = "us-east-1_MappedPool";
    public const string ClientId = "app-client-1";

    private readonly Dictionary<string, RSA> _keys = new() { [DefaultPool] = RSA.Create(2048), [MappedPool] = RSA.Create(2048) };
    private LocalHttpServer? _server;

    public string BaseUrl => _server!.Url.ToString().TrimEnd('/');

    public string MappedJwksUrl => BaseUrl + "/keys/mapped.json";

    public static async Task<CognitoPools> StartAsync()
    {
        var pools = new CognitoPools();
        pools._server = await LocalHttpServer.StartAsync(pools.ServeAsync);
        return pools;
    }

    private Task ServeAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        var path = http.Request.Path.Value;
        if (path == $"/{DefaultPool}/.well-known/jwks.json")
        {
            return http.Response.WriteAsync(JwtIssuer.Jwks(_keys[DefaultPool], "default-kid"));
        }
        if (path == "/keys/mapped.json")
        {
            return http.Response.WriteAsync(JwtIssuer.Jwks(_keys[MappedPool], "mapped-kid"));
        }
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    public string Issuer(string pool) => BaseUrl + "/" + pool;

    /// <summary>An ID token of <paramref name="pool"/> as Cognito issues them; <paramref name="claims"/> override or add.</summary>
    public string IdToken(string pool = DefaultPool, Dictionary<string, object>? claims = null) => Token(pool, new()
    {
        ["sub"] = "5f7b0c1e-user",
        ["aud"] = ClientId,
        ["email_verified"] = true,
        ["token_use"] = "id",
        ["auth_time"] = 1513492092,
        ["cognito:username"] = "alice",
        ["cognito:groups"] = new[] { "admins", "staff" },
        ["email"] = "alice@example.com",
    }, claims);

    /// <summary>An access token of <paramref name="pool"/> with these scopes.</summary>
    public string AccessToken(string scope, string pool = DefaultPool, Dictionary<string, object>? claims = null) => Token(pool, new()
    {
        ["sub"] = "5f7b0c1e-user",
        ["client_id"] = ClientId,
        ["token_use"] = "access",
        ["scope"] = scope,
        ["username"] = "alice",
    }, claims);

    /// <summary>A token signed with a key no pool publishes, claiming to come from <see cref="DefaultPool"/>.</summary>
    public string ForgedIdToken()
    {
        using var stranger = RSA.Create(2048);
        return JwtIssuer.Sign(stranger, "default-kid", new() { ["iss"] = Issuer(DefaultPool), ["token_use"] = "id", ["aud"] = ClientId, ["exp"] = Hours(1) });
    }

    private string Token(string pool, Dictionary<string, object> payload, Dictionary<string, object>? overrides)
    {
        payload["iss"] = Issuer(pool);
        payload["iat"] = Hours(0);
        payload["exp"] = Hours(1);
        foreach (var (name, value) in overrides ?? [])
        {
            payload[name] = value;
        }
        return JwtIssuer.Sign(_keys[pool], pool == DefaultPool ? "default-kid" : "mapped-kid", payload);
    }

    public static long Hours(double hours) => DateTimeOffset.UtcNow.AddHours(hours).ToUnixTimeSeconds();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
