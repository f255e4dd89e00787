namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>Everything of one REST API, persisted as one document so that each change is one atomic write.</summary>
internal sealed class RestApiDocument
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public RestApi Api { get; set; } = new();
    public Dictionary<string, RestResource> Resources { get; set; } = [];
    public Dictionary<string, RestAuthorizer> Authorizers { get; set; } = [];
    public Dictionary<string, RestDeployment> Deployments { get; set; } = [];
    public Dictionary<string, RestStage> Stages { get; set; } = [];
}
