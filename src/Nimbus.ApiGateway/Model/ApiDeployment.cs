namespace Nimbus.ApiGateway.Model;

/// <summary>A deployment's description (the model's <c>Deployment</c>); what it froze is a <see cref="DeploymentSnapshot"/>.</summary>
internal sealed class ApiDeployment
{
    public bool? AutoDeployed { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public string? DeploymentId { get; set; }
    public string? DeploymentStatus { get; set; }
    public string? DeploymentStatusMessage { get; set; }
    public string? Description { get; set; }
}
