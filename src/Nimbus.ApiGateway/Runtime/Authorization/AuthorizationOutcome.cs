namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>An authorizer's verdict: allowed (with what it adds to the request), or the response that refuses it.</summary>
internal readonly record struct AuthorizationOutcome(GatewayResponse? Refusal)
{
    public static AuthorizationOutcome Allowed { get; } = new(null);

    public bool IsAllowed => Refusal is null;
}
