using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// The checks every JWT authorizer makes, whatever issued the token: the RS256 signature against the issuer's JWKS
/// (keyed by <c>kid</c>), and <c>exp</c>/<c>nbf</c> against the clock. HTTP APIs' JWT authorizers and REST APIs'
/// Cognito authorizers add their own claim rules on top.
/// </summary>
internal sealed class JwtValidator
{
    private readonly JwksCache _keys;
    private readonly TimeProvider _time;

    public JwtValidator(JwksCache keys, TimeProvider time)
    {
        _keys = keys;
        _time = time;
    }

    /// <summary>Whether the token is RS256-signed by a key published at <paramref name="location"/>.</summary>
    public async Task<bool> IsSignedAsync(JwtToken token, JwksLocation location, CancellationToken cancellationToken) =>
        token.Algorithm == "RS256" && await _keys.KeyAsync(location, token.Kid, cancellationToken) is { } key && token.IsSignedBy(key);

    /// <summary>Whether the token is in force now: a numeric <c>exp</c> in the future, and no <c>nbf</c> in the future.</summary>
    public JwtLifetime Lifetime(JwtToken token)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (!token.Claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || exp.GetDouble() <= now)
        {
            return JwtLifetime.Expired;
        }
        return token.Claims.TryGetProperty("nbf", out var nbf) && nbf.ValueKind == JsonValueKind.Number && nbf.GetDouble() > now
            ? JwtLifetime.NotYetValid
            : JwtLifetime.Valid;
    }
}
