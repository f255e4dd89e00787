namespace Nimbus.ApiGateway.Model;

/// <summary>Everything of one API, persisted as one document so that each change is one atomic write.</summary>
internal sealed class ApiDocument
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public HttpApi Api { get; set; } = new();
    public Dictionary<string, ApiRoute> Routes { get; set; } = [];
    public Dictionary<string, ApiIntegration> Integrations { get; set; } = [];
    public Dictionary<string, ApiStage> Stages { get; set; } = [];
    public Dictionary<string, ApiAuthorizer> Authorizers { get; set; } = [];
    public Dictionary<string, ApiDeployment> Deployments { get; set; } = [];

    /// <summary>WebSocket route responses by route id, then by route response id.</summary>
    public Dictionary<string, Dictionary<string, RouteResponse>> RouteResponses { get; set; } = [];

    /// <summary>WebSocket integration responses by integration id, then by integration response id.</summary>
    public Dictionary<string, Dictionary<string, IntegrationResponse>> IntegrationResponses { get; set; } = [];
}
