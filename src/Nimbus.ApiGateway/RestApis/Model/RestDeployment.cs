namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A deployment (<c>Deployment</c>); <c>apiSummary</c> only with <c>embed=apisummary</c>.</summary>
internal sealed class RestDeployment
{
    public string? Id { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public Dictionary<string, Dictionary<string, MethodSnapshot>>? ApiSummary { get; set; }
}
