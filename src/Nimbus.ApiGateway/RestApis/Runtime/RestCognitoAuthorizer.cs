using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Runtime.Authorization;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// <c>COGNITO_USER_POOLS</c> authorizers of REST APIs: the token in the identity-source header (a <c>Bearer </c>
/// prefix is accepted) must be issued by one of the <c>providerARNs</c> pools (<c>iss</c>), RS256-signed by a key of
/// that pool's JWKS and unexpired. A method without <c>authorizationScopes</c> takes an ID token
/// (<c>token_use</c> <c>id</c>, whose <c>aud</c> must match the authorizer's <c>identityValidationExpression</c> if
/// set); a method with them takes an access token (<c>token_use</c> <c>access</c>) carrying one of them. Every refusal
/// is 401 <c>{"message":"Unauthorized"}</c>, except an expired token: 401
/// <c>{"message":"The incoming token has expired"}</c>, as AWS answers.
/// </summary>
internal sealed class RestCognitoAuthorizer
{
    private const string HeaderSource = "method.request.header.";

    private readonly JwtValidator _validator;
    private readonly CognitoUserPoolOptions _pools;

    public RestCognitoAuthorizer(JwtValidator validator, CognitoUserPoolOptions pools)
    {
        _validator = validator;
        _pools = pools;
    }

    /// <summary>Null when allowed (the request then carries the token's claims), else the refusal.</summary>
    public async Task<GatewayResponse?> AuthorizeAsync(RestRequest request, RestAuthorizer authorizer, CancellationToken cancellationToken)
    {
        var source = authorizer.IdentitySource ?? HeaderSource + "Authorization";
        var text = source.StartsWith(HeaderSource, StringComparison.Ordinal) ? request.Header(source[HeaderSource.Length..]) : null;
        if (string.IsNullOrEmpty(text) || JwtToken.Parse(text) is not { } token || token.Claim("iss") is not { } issuer
            || PoolOf(authorizer, issuer, request) is not { } pool
            || !await _validator.IsSignedAsync(token, JwksLocation.At(_pools.JwksUrlOf(pool, issuer)), cancellationToken))
        {
            return RestResponses.Unauthorized();
        }
        switch (_validator.Lifetime(token))
        {
            case JwtLifetime.Expired:
                return RestResponses.Error(401, "UnauthorizedException", "The incoming token has expired");
            case JwtLifetime.NotYetValid:
                return RestResponses.Unauthorized();
        }
        if (request.MethodConfig.AuthorizationScopes is { Count: > 0 } required)
        {
            // Scopes make the method an OAuth resource: only access tokens carry scopes to match.
            if (token.Claim("token_use") != "access" || token.Scopes() is not { } scopes || !required.Any(scopes.Contains))
            {
                return RestResponses.Unauthorized();
            }
        }
        else if (token.Claim("token_use") != "id" || !AudienceMatches(authorizer, token))
        {
            return RestResponses.Unauthorized();
        }
        request.CognitoClaims = ClaimsOf(token);
        return null;
    }

    /// <summary>The id of the <c>providerARNs</c> pool whose issuer is <paramref name="issuer"/> (stage variables allowed in the ARNs).</summary>
    private string? PoolOf(RestAuthorizer authorizer, string issuer, RestRequest request)
    {
        foreach (var arn in authorizer.ProviderARNs ?? [])
        {
            // arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}
            var parts = StageVariables.Substitute(arn, request.StageVariables).Split(':', 6);
            if (parts.Length == 6 && parts[2] == "cognito-idp" && parts[5].StartsWith("userpool/", StringComparison.Ordinal)
                && _pools.IssuerOf(parts[3], parts[5]["userpool/".Length..]) == issuer)
            {
                return parts[5]["userpool/".Length..];
            }
        }
        return null;
    }

    private static bool AudienceMatches(RestAuthorizer authorizer, JwtToken token) =>
        authorizer.IdentityValidationExpression is not { } pattern
        || token.Claim("aud") is { } audience && Regex.IsMatch(audience, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The claims as REST APIs hand them on: every value a string — numbers and booleans in their JSON text, arrays
    /// joined with commas, and <c>exp</c>/<c>iat</c> as dates (<c>Sun Dec 17 07:28:12 UTC 2017</c>).
    /// </summary>
    private static Dictionary<string, string> ClaimsOf(JwtToken token)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in token.Claims.EnumerateObject())
        {
            var value = claim.Value;
            claims[claim.Name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number when claim.Name is "exp" or "iat" && value.TryGetInt64(out var seconds) =>
                    DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture),
                JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => value.GetRawText(),
            };
        }
        return claims;
    }
}
