namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A Lambda (TOKEN/REQUEST) or Cognito authorizer (<c>Authorizer</c>), also CreateAuthorizer's input.</summary>
internal sealed class RestAuthorizer
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public List<string>? ProviderARNs { get; set; }
    public string? AuthType { get; set; }
    public string? AuthorizerUri { get; set; }
    public string? AuthorizerCredentials { get; set; }
    public string? IdentitySource { get; set; }
    public string? IdentityValidationExpression { get; set; }
    public int? AuthorizerResultTtlInSeconds { get; set; }
}
