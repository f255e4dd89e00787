namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>What a deployment froze: the resources with their methods and integrations, and the authorizers.</summary>
internal sealed class RestSnapshot
{
    public List<RestResource> Resources { get; set; } = [];
    public List<RestAuthorizer> Authorizers { get; set; } = [];
}
