namespace Nimbus.ApiGateway.RestApis;

/// <summary>
/// Where REST APIs' <c>COGNITO_USER_POOLS</c> authorizers find the user pools they name. Nimbus has no Cognito, so
/// the pools live elsewhere (AWS itself, or a local Cognito emulator): a pool's issuer is
/// <c>{IssuerBase}/{userPoolId}</c> (<c>{region}</c> in the base is the pool ARN's region), and its signing keys are at
/// the URL <see cref="JwksUrls"/> maps its pool id (or its issuer) to, else at <c>{issuer}/.well-known/jwks.json</c>
/// as Cognito publishes them. Set with <c>NIMBUS_COGNITO_ISSUER_BASE</c> and
/// <c>NIMBUS_COGNITO_JWKS=poolIdOrIssuer=jwksUrl,…</c>.
/// </summary>
public sealed record CognitoUserPoolOptions
{
    /// <summary>AWS's own: <c>https://cognito-idp.{region}.amazonaws.com</c>.</summary>
    public const string AwsIssuerBase = "https://cognito-idp.{region}.amazonaws.com";

    public string IssuerBase { get; init; } = AwsIssuerBase;

    /// <summary>JWKS URL by user pool id (<c>us-east-1_AbC123</c>) or by issuer URL.</summary>
    public IReadOnlyDictionary<string, string> JwksUrls { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The settings from their environment form: <paramref name="jwksUrls"/> is <c>key=url</c> pairs separated by
    /// commas (the key is a pool id or an issuer; the URL is everything after the first <c>=</c>).
    /// </summary>
    public static CognitoUserPoolOptions Parse(string? jwksUrls, string? issuerBase)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (jwksUrls ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // An issuer key is a URL itself ("https://…/pool=http://…"): the separator is the "=" before the last "http".
            var at = entry.LastIndexOf("=http", StringComparison.OrdinalIgnoreCase);
            if (at <= 0 || !Uri.TryCreate(entry[(at + 1)..], UriKind.Absolute, out _))
            {
                throw new ArgumentException($"COGNITO_JWKS entry '{entry}' is not poolIdOrIssuer=http(s)://jwks-url");
            }
            urls[entry[..at].TrimEnd('/')] = entry[(at + 1)..];
        }
        return new CognitoUserPoolOptions
        {
            IssuerBase = string.IsNullOrWhiteSpace(issuerBase) ? AwsIssuerBase : issuerBase.Trim(),
            JwksUrls = urls,
        };
    }

    /// <summary>The <c>iss</c> of the pool's tokens.</summary>
    internal string IssuerOf(string region, string userPoolId) =>
        IssuerBase.Replace("{region}", region, StringComparison.Ordinal).TrimEnd('/') + "/" + userPoolId;

    internal string JwksUrlOf(string userPoolId, string issuer) =>
        JwksUrls.GetValueOrDefault(userPoolId) ?? JwksUrls.GetValueOrDefault(issuer) ?? issuer + "/.well-known/jwks.json";
}
