namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>Where the clock stands against a token's <c>exp</c> and <c>nbf</c>.</summary>
internal enum JwtLifetime
{
    Valid,
    Expired,
    NotYetValid,
}
