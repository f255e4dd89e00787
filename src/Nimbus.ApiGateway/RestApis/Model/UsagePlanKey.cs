namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>An API key in a usage plan (<c>UsagePlanKey</c>); CreateUsagePlanKey's input is <c>keyId</c> and <c>keyType</c>.</summary>
internal sealed class UsagePlanKey
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public string? Value { get; set; }
    public string? Name { get; set; }
    public string? KeyId { get; set; }
    public string? KeyType { get; set; }
}
