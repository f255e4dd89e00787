namespace Nimbus.ApiGateway.Model;

/// <summary>A JWT or Lambda REQUEST authorizer (the model's <c>Authorizer</c>).</summary>
internal sealed class ApiAuthorizer
{
    public string? AuthorizerCredentialsArn { get; set; }
    public string? AuthorizerId { get; set; }
    public string? AuthorizerPayloadFormatVersion { get; set; }
    public int? AuthorizerResultTtlInSeconds { get; set; }
    public string? AuthorizerType { get; set; }
    public string? AuthorizerUri { get; set; }
    public bool? EnableSimpleResponses { get; set; }
    public List<string>? IdentitySource { get; set; }
    public string? IdentityValidationExpression { get; set; }
    public JwtConfiguration? JwtConfiguration { get; set; }
    public string? Name { get; set; }
}
