using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A stage (<c>Stage</c>), also CreateStage's input: the deployment it serves, its variables and method settings.</summary>
internal sealed class RestStage
{
    public string? DeploymentId { get; set; }
    public string? ClientCertificateId { get; set; }
    public string? StageName { get; set; }
    public string? Description { get; set; }
    public bool? CacheClusterEnabled { get; set; }
    public string? CacheClusterSize { get; set; }
    public string? CacheClusterStatus { get; set; }
    public Dictionary<string, MethodSetting>? MethodSettings { get; set; }
    public Dictionary<string, string>? Variables { get; set; }
    public string? DocumentationVersion { get; set; }
    public AccessLogSettings? AccessLogSettings { get; set; }
    public bool? TracingEnabled { get; set; }
    public string? WebAclArn { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public DateTimeOffset? LastUpdatedDate { get; set; }
}
