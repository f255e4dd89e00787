namespace Nimbus.ApiGateway.Model;

/// <summary>A route (<c>GET /items/{id}</c>, <c>ANY /{proxy+}</c>, <c>$default</c>) and its target <c>integrations/{id}</c>.</summary>
internal sealed class ApiRoute
{
    public bool? ApiGatewayManaged { get; set; }
    public bool? ApiKeyRequired { get; set; }
    public List<string>? AuthorizationScopes { get; set; }
    public string? AuthorizationType { get; set; }
    public string? AuthorizerId { get; set; }
    public string? ModelSelectionExpression { get; set; }
    public string? OperationName { get; set; }
    public Dictionary<string, string>? RequestModels { get; set; }
    public Dictionary<string, ParameterConstraints>? RequestParameters { get; set; }
    public string? RouteId { get; set; }
    public string? RouteKey { get; set; }
    public string? RouteResponseSelectionExpression { get; set; }
    public string? Target { get; set; }
}
