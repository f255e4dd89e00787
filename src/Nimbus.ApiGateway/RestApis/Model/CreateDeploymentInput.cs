namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>CreateDeployment's body: optionally the stage to create or point at the new deployment.</summary>
internal sealed class CreateDeploymentInput
{
    public string? StageName { get; set; }
    public string? StageDescription { get; set; }
    public string? Description { get; set; }
    public bool? CacheClusterEnabled { get; set; }
    public string? CacheClusterSize { get; set; }
    public Dictionary<string, string>? Variables { get; set; }
    public bool? TracingEnabled { get; set; }
}
