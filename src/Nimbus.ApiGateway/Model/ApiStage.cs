namespace Nimbus.ApiGateway.Model;

/// <summary>A stage: which deployment it serves, its variables and its throttling (the model's <c>Stage</c>).</summary>
internal sealed class ApiStage
{
    public AccessLogSettings? AccessLogSettings { get; set; }
    public bool? ApiGatewayManaged { get; set; }
    public bool? AutoDeploy { get; set; }
    public string? ClientCertificateId { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public RouteSettings? DefaultRouteSettings { get; set; }
    public string? DeploymentId { get; set; }
    public string? Description { get; set; }
    public string? LastDeploymentStatusMessage { get; set; }
    public DateTimeOffset? LastUpdatedDate { get; set; }
    public Dictionary<string, RouteSettings>? RouteSettings { get; set; }
    public string? StageName { get; set; }
    public Dictionary<string, string>? StageVariables { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}
