using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// The signing keys of JWT issuers, found as API Gateway finds them: an HTTP API's JWT authorizer reads the issuer's
/// OpenID discovery document (<c>{issuer}/.well-known/openid-configuration</c>) for <c>jwks_uri</c>; a REST API's
/// Cognito authorizer reads the user pool's JWKS URL directly. RSA keys are cached for an hour per location and
/// fetched again when a token names an unknown <c>kid</c> (key rotation), at most every 10 seconds.
/// </summary>
internal sealed class JwksCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefetchGap = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly TimeProvider _time;
    private readonly ILogger<JwksCache> _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public JwksCache(TimeProvider time, ILogger<JwksCache> logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>The key <paramref name="kid"/> of <paramref name="location"/>; null when unknown or unreachable.</summary>
    public async Task<RSA?> KeyAsync(JwksLocation location, string? kid, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var cacheKey = location.ToString();
        if (_entries.TryGetValue(cacheKey, out var entry) && now < entry.FetchedAt + Lifetime)
        {
            if (Find(entry, kid) is { } cached)
            {
                return cached;
            }
            if (now < entry.FetchedAt + RefetchGap)
            {
                return null;
            }
        }
        entry = await FetchAsync(location, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        _entries[cacheKey] = entry;
        return Find(entry, kid);
    }

    private static RSA? Find(Entry entry, string? kid) =>
        kid is null ? (entry.Keys.Count == 1 ? entry.Keys.Values.First() : null) : entry.Keys.GetValueOrDefault(kid);

    private async Task<Entry?> FetchAsync(JwksLocation location, CancellationToken cancellationToken)
    {
        try
        {
            var jwksUri = location.JwksUrl;
            if (location.Issuer is { } issuer)
            {
                using var discovery = JsonDocument.Parse(await _client.GetStringAsync(issuer.TrimEnd('/') + "/.well-known/openid-configuration", cancellationToken));
                jwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
            }
            using var jwks = JsonDocument.Parse(await _client.GetStringAsync(jwksUri, cancellationToken));
            var keys = new Dictionary<string, RSA>(StringComparer.Ordinal);
            foreach (var key in jwks.RootElement.GetProperty("keys").EnumerateArray())
            {
                if (key.TryGetProperty("kty", out var kty) && kty.GetString() == "RSA" && key.TryGetProperty("n", out var n) && key.TryGetProperty("e", out var e))
                {
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.Decode(n.GetString()!), Exponent = Base64Url.Decode(e.GetString()!) });
                    keys[key.TryGetProperty("kid", out var kid) ? kid.GetString() ?? "" : ""] = rsa;
                }
            }
            return new Entry(keys, _time.GetUtcNow());
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            or TaskCanceledException or FormatException or CryptographicException)
        {
            LogMessages.JwksFetchFailed(_logger, location.ToString(), error.Message);
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed record Entry(Dictionary<string, RSA> Keys, DateTimeOffset FetchedAt);
}
