namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class ThrottleSettings
{
    public int? BurstLimit { get; set; }
    public double? RateLimit { get; set; }
}
