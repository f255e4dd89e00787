namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// Where an issuer's signing keys are: found through its OpenID discovery document (<see cref="Issuer"/>), or at a
/// known JWKS URL (<see cref="JwksUrl"/>, as Cognito user pools publish them).
/// </summary>
internal readonly record struct JwksLocation(string? Issuer, string? JwksUrl)
{
    public static JwksLocation Discover(string issuer) => new(issuer, null);

    public static JwksLocation At(string jwksUrl) => new(null, jwksUrl);

    public override string ToString() => Issuer is not null ? "issuer " + Issuer : JwksUrl!;
}
