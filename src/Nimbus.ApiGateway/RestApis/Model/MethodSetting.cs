namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>Per-method stage settings (<c>MethodSetting</c>), keyed <c>*/*</c> or <c>{resourcePath}/{METHOD}</c>.</summary>
internal sealed class MethodSetting
{
    public bool? MetricsEnabled { get; set; }
    public string? LoggingLevel { get; set; }
    public bool? DataTraceEnabled { get; set; }
    public int? ThrottlingBurstLimit { get; set; }
    public double? ThrottlingRateLimit { get; set; }
    public bool? CachingEnabled { get; set; }
    public int? CacheTtlInSeconds { get; set; }
    public bool? CacheDataEncrypted { get; set; }
    public bool? RequireAuthorizationForCacheControl { get; set; }
    public string? UnauthorizedCacheControlHeaderStrategy { get; set; }
}
