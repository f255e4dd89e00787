namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>What an authorizer's IAM policy says about one <c>execute-api:Invoke</c>.</summary>
internal enum PolicyDecision
{
    NoMatch,
    Allow,
    Deny,
}
