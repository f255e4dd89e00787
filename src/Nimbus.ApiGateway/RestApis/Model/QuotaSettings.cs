namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>Requests a key may make per <c>DAY</c>, <c>WEEK</c> or <c>MONTH</c> (UTC), the period starting <c>offset</c> days in.</summary>
internal sealed class QuotaSettings
{
    public int? Limit { get; set; }
    public int? Offset { get; set; }
    public string? Period { get; set; }
}
