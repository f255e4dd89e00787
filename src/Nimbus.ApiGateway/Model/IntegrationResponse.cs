namespace Nimbus.ApiGateway.Model;

/// <summary>
/// A WebSocket integration's response (the model's <c>IntegrationResponse</c>): how a non-proxy integration's answer is
/// mapped. Kept and served by the control plane; proxy integrations (the ones Nimbus runs) pass the answer as it is.
/// </summary>
internal sealed class IntegrationResponse
{
    public string? ContentHandlingStrategy { get; set; }
    public string? IntegrationResponseId { get; set; }
    public string? IntegrationResponseKey { get; set; }
    public Dictionary<string, string>? ResponseParameters { get; set; }
    public Dictionary<string, string>? ResponseTemplates { get; set; }
    public string? TemplateSelectionExpression { get; set; }
}
