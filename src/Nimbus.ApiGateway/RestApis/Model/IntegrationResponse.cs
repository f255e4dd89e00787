namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>How an integration's result maps to a method response (<c>IntegrationResponse</c>), also PutIntegrationResponse's input.</summary>
internal sealed class IntegrationResponse
{
    public string? StatusCode { get; set; }
    public string? SelectionPattern { get; set; }
    public Dictionary<string, string>? ResponseParameters { get; set; }
    public Dictionary<string, string>? ResponseTemplates { get; set; }
    public string? ContentHandling { get; set; }
}
