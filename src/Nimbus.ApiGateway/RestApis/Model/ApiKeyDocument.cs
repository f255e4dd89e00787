namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>An API key with the account and region it belongs to (keys are regional, not per API).</summary>
internal sealed class ApiKeyDocument
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public ApiKey Key { get; set; } = new();
}
