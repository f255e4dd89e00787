namespace Nimbus.ApiGateway.Api;

internal sealed class DeploymentInput
{
    public string? Description { get; set; }
    public string? StageName { get; set; }
}
