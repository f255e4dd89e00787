namespace Nimbus.ApiGateway.Model;

/// <summary>The body of CreateApi and UpdateApi; quick create adds <c>Target</c>, <c>RouteKey</c> and <c>CredentialsArn</c>.</summary>
internal sealed class ApiInput
{
    public string? ApiKeySelectionExpression { get; set; }
    public Cors? CorsConfiguration { get; set; }
    public string? CredentialsArn { get; set; }
    public string? Description { get; set; }
    public bool? DisableSchemaValidation { get; set; }
    public bool? DisableExecuteApiEndpoint { get; set; }
    public string? IpAddressType { get; set; }
    public string? Name { get; set; }
    public string? ProtocolType { get; set; }
    public string? RouteKey { get; set; }
    public string? RouteSelectionExpression { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public string? Target { get; set; }
    public string? Version { get; set; }
}
