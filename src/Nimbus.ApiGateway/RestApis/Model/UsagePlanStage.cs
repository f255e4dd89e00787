namespace Nimbus.ApiGateway.RestApis.Model;

/// <summary>An API stage in a usage plan (the model's <c>ApiStage</c>); <c>throttle</c> is keyed <c>{resourcePath}/{METHOD}</c>.</summary>
internal sealed class UsagePlanStage
{
    public string? ApiId { get; set; }
    public string? Stage { get; set; }
    public Dictionary<string, ThrottleSettings>? Throttle { get; set; }
}
