namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A method of a resource (<c>Method</c>), also PutMethod's input.</summary>
internal sealed class RestMethod
{
    public string? HttpMethod { get; set; }
    public string? AuthorizationType { get; set; }
    public string? AuthorizerId { get; set; }
    public bool? ApiKeyRequired { get; set; }
    public string? RequestValidatorId { get; set; }
    public string? OperationName { get; set; }
    public Dictionary<string, bool>? RequestParameters { get; set; }
    public Dictionary<string, string>? RequestModels { get; set; }
    public Dictionary<string, MethodResponse>? MethodResponses { get; set; }
    public RestIntegration? MethodIntegration { get; set; }
    public List<string>? AuthorizationScopes { get; set; }
}
