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
    private readonly JwtValidator _validator;

    public JwtAuthorizer(JwtValidator validator) => _validator = validator;

    public async Task<AuthorizationOutcome> AuthorizeAsync(GatewayRequest request, ApiAuthorizer authorizer, ApiRoute route, CancellationToken cancellationToken)
    {
        var config = authorizer.JwtConfiguration!;
        var text = IdentitySources.Resolve(authorizer.IdentitySource![0], request);
        if (text is null)
        {
            return Refuse(null);
        }
        if (JwtToken.Parse(text) is not { } token)
        {
            return Refuse("the token is malformed");
        }
        if (token.Algorithm != "RS256")
        {
            return Refuse("the token's signing algorithm is not supported");
        }
        if (!await _validator.IsSignedAsync(token, JwksLocation.Discover(config.Issuer!), cancellationToken))
        {
            return Refuse("signature is invalid");
        }
        if (ClaimError(token, config) is { } problem)
        {
            return Refuse(problem);
        }
        var scopes = token.Scopes();
        if (route.AuthorizationScopes is { Count: > 0 } required && (scopes is null || !required.Any(scopes.Contains)))
        {
            return new AuthorizationOutcome(GatewayResponse.Forbidden());
        }
        request.JwtClaims = token.Claims.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        request.JwtScopes = scopes;
        return AuthorizationOutcome.Allowed;
    }

    private string? ClaimError(JwtToken token, JwtConfiguration config)
    {
        if (token.Claim("iss") != config.Issuer)
        {
            return "the token's issuer is not the authorizer's";
        }
        var audiences = new List<string>();
        if (token.Claims.TryGetProperty("aud", out var aud))
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
        else if (token.Claim("client_id") is { } clientId)
        {
            audiences.Add(clientId);
        }
        if (!audiences.Any(a => config.Audience!.Contains(a)))
        {
            return "the token's audience is not accepted";
        }
        return _validator.Lifetime(token) switch
        {
            JwtLifetime.Expired => "the token has expired",
            JwtLifetime.NotYetValid => "the token is not valid yet",
            _ => null,
        };
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
