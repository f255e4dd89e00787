namespace Nimbus.ApiGateway.Model;

/// <summary>Per-route (or stage default) settings; the throttling limits are enforced by the data plane.</summary>
internal sealed class RouteSettings
{
    public bool? DataTraceEnabled { get; set; }
    public bool? DetailedMetricsEnabled { get; set; }
    public string? LoggingLevel { get; set; }
    public int? ThrottlingBurstLimit { get; set; }
    public double? ThrottlingRateLimit { get; set; }
}
