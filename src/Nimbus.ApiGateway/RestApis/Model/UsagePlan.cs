namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>A usage plan (<c>UsagePlan</c>), also CreateUsagePlan's input: which API stages, per-key throttle and quota.</summary>
internal sealed class UsagePlan
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<UsagePlanStage>? ApiStages { get; set; }
    public ThrottleSettings? Throttle { get; set; }
    public QuotaSettings? Quota { get; set; }
    public string? ProductCode { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}
