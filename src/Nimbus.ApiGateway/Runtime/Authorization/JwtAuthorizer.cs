using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// JWT authorizers as HTTP APIs run them: the token from the identity source (a <c>Bearer </c> prefix is
/// dropped), RS256 signature against the issuer's JWKS, <c>iss</c> equal to the issuer, <c>aud</c> (or Cognito's
/// <c>client_id</c>) among the audiences, <c>exp</c>/<c>nbf</c> in force; 401 <c>{"message":"Unauthorized"}</c>
/// otherwise. A route's authorization scopes need one of them in the token's <c>scope</c>/<c>scp</c>, else 403.
/// </summary>
internal sealed class JwtAuthorizer
{
    private readonly JwksCache _keys;
    private readonly TimeProvider _time;

    public JwtAuthorizer(JwksCache keys, TimeProvider time)
    {
        _keys = keys;
        _time = time;
    }

    public async Task<AuthorizationOutcome> AuthorizeAsync(GatewayRequest request, ApiAuthorizer authorizer, ApiRoute route, CancellationToken cancellationToken)
    {
        var config = authorizer.JwtConfiguration!;
        var token = IdentitySources.Resolve(authorizer.IdentitySource![0], request);
        if (token is null)
        {
            return Refuse(null);
        }
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token[7..].Trim();
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return Refuse("the token is malformed");
        }
        JsonDocument header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            payload = JsonDocument.Parse(Base64Url.Decode(parts[1]));
            signature = Base64Url.Decode(parts[2]);
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return Refuse("the token is malformed");
        }
        using (header)
        using (payload)
        {
            var head = header.RootElement;
            var claims = payload.RootElement;
            if (head.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object
                || !head.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return Refuse("the token's signing algorithm is not supported");
            }
            var kid = head.TryGetProperty("kid", out var kidValue) ? kidValue.GetString() : null;
            var key = await _keys.KeyAsync(config.Issuer!, kid, cancellationToken);
            if (key is null || !key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return Refuse("signature is invalid");
            }
            if (ClaimError(claims, config) is { } problem)
            {
                return Refuse(problem);
            }
            var scopes = ScopesOf(claims);
            if (route.AuthorizationScopes is { Count: > 0 } required && (scopes is null || !required.Any(scopes.Contains)))
            {
                return new AuthorizationOutcome(GatewayResponse.Forbidden());
            }
            request.JwtClaims = claims.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            request.JwtScopes = scopes;
            return AuthorizationOutcome.Allowed;
        }
    }

    private string? ClaimError(JsonElement claims, JwtConfiguration config)
    {
        if (!claims.TryGetProperty("iss", out var iss) || iss.GetString() != config.Issuer)
        {
            return "the token's issuer is not the authorizer's";
        }
        var audiences = new List<string>();
        if (claims.TryGetProperty("aud", out var aud))
        {
            if (aud.ValueKind == JsonValueKind.String)
            {
                audiences.Add(aud.GetString()!);
            }
            else if (aud.ValueKind == JsonValueKind.Array)
            {
                audiences.AddRange(aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
            }
        }
        else if (claims.TryGetProperty("client_id", out var clientId) && clientId.ValueKind == JsonValueKind.String)
        {
            audiences.Add(clientId.GetString()!);
        }
        if (!audiences.Any(a => config.Audience!.Contains(a)))
        {
            return "the token's audience is not accepted";
        }
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || exp.GetDouble() <= now)
        {
            return "the token has expired";
        }
        if (claims.TryGetProperty("nbf", out var nbf) && nbf.ValueKind == JsonValueKind.Number && nbf.GetDouble() > now)
        {
            return "the token is not valid yet";
        }
        return null;
    }

    private static List<string>? ScopesOf(JsonElement claims)
    {
        foreach (var name in new[] { "scope", "scp" })
        {
            if (!claims.TryGetProperty(name, out var value))
            {
                continue;
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                return [.. value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }
            if (value.ValueKind == JsonValueKind.Array)
            {
                return [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
            }
        }
        return null;
    }

    private static AuthorizationOutcome Refuse(string? description)
    {
        var response = GatewayResponse.Unauthorized();
        response.Headers.Add(new("www-authenticate", description is null
            ? "Bearer"
            : $"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{description}\""));
        return new AuthorizationOutcome(response);
    }
}
