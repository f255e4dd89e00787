namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class CreateApiKeyInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool? Enabled { get; set; }
    public bool? GenerateDistinctId { get; set; }
    public string? Value { get; set; }
    public List<StageKey>? StageKeys { get; set; }
    public string? CustomerId { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}
