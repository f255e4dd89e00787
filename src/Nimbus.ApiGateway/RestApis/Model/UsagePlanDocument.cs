namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A usage plan with its account, region and the API keys in it.</summary>
internal sealed class UsagePlanDocument
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public UsagePlan Plan { get; set; } = new();
    public List<string> KeyIds { get; set; } = [];
}
