namespace Nimbus.ApiGateway.Model;

/// <summary>An API of <c>apigatewayv2</c> (the model's <c>Api</c> shape): what GetApi returns.</summary>
internal sealed class HttpApi
{
    public string? ApiEndpoint { get; set; }
    public bool? ApiGatewayManaged { get; set; }
    public string? ApiId { get; set; }
    public string? ApiKeySelectionExpression { get; set; }
    public Cors? CorsConfiguration { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public string? Description { get; set; }
    public bool? DisableSchemaValidation { get; set; }
    public bool? DisableExecuteApiEndpoint { get; set; }
    public string? IpAddressType { get; set; }
    public string? Name { get; set; }
    public string? ProtocolType { get; set; }
    public string? RouteSelectionExpression { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public string? Version { get; set; }
    public List<string>? Warnings { get; set; }
}
