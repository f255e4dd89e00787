namespace Nimbus.ApiGateway.Model;

/// <summary>
/// What a deployment froze: the routes, integrations and authorizers a stage serves until the next deployment
/// (AWS serves a stage from its deployment, not from the API's current configuration).
/// </summary>
internal sealed class DeploymentSnapshot
{
    public List<ApiRoute> Routes { get; set; } = [];
    public List<ApiIntegration> Integrations { get; set; } = [];
    public List<ApiAuthorizer> Authorizers { get; set; } = [];

    /// <summary>WebSocket routes that are two-way (have a route response): their integration's answer goes back to the client.</summary>
    public List<string> TwoWayRouteIds { get; set; } = [];
}
