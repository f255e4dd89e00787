namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>An API key (<c>ApiKey</c>), also CreateApiKey's input (<c>stageKeys</c> in as objects, out as <c>apiId/stage</c> strings).</summary>
internal sealed class ApiKey
{
    public string? Id { get; set; }
    public string? Value { get; set; }
    public string? Name { get; set; }
    public string? CustomerId { get; set; }
    public string? Description { get; set; }
    public bool? Enabled { get; set; }
    public DateTimeOffset? CreatedDate { get; set; }
    public DateTimeOffset? LastUpdatedDate { get; set; }
    public List<string>? StageKeys { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}
