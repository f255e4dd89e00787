namespace Nimbus.ApiGateway.Model;

/// <summary>An integration: <c>AWS_PROXY</c> to a Lambda function or <c>HTTP_PROXY</c> to a URL (the model's <c>Integration</c>).</summary>
internal sealed class ApiIntegration
{
    public bool? ApiGatewayManaged { get; set; }
    public string? ConnectionId { get; set; }
    public string? ConnectionType { get; set; }
    public string? ContentHandlingStrategy { get; set; }
    public string? CredentialsArn { get; set; }
    public string? Description { get; set; }
    public string? IntegrationId { get; set; }
    public string? IntegrationMethod { get; set; }
    public string? IntegrationResponseSelectionExpression { get; set; }
    public string? IntegrationSubtype { get; set; }
    public string? IntegrationType { get; set; }
    public string? IntegrationUri { get; set; }
    public string? PassthroughBehavior { get; set; }
    public string? PayloadFormatVersion { get; set; }
    public Dictionary<string, string>? RequestParameters { get; set; }
    public Dictionary<string, string>? RequestTemplates { get; set; }
    public Dictionary<string, Dictionary<string, string>>? ResponseParameters { get; set; }
    public string? TemplateSelectionExpression { get; set; }
    public int? TimeoutInMillis { get; set; }
    public TlsConfig? TlsConfig { get; set; }
}
