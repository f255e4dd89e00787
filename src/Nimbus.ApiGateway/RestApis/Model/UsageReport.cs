using System.Text.Json.Serialization;

namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>GetUsage's answer (<c>Usage</c>): per key, one <c>[used, remaining]</c> pair per day of the range.</summary>
internal sealed class UsageReport
{
    public string? UsagePlanId { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public string? Position { get; set; }

    [JsonPropertyName("values")]
    public Dictionary<string, List<List<long>>>? Items { get; set; }
}
