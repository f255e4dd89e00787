using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// One request made with an API key under its usage plan, for REST methods and WebSocket connections and messages
/// alike: the plan's per-key throttle (the method's or route's own limits in the plan's API stage first, then the
/// plan's), then its quota. A throttled request is not counted against the quota.
/// </summary>
internal sealed class UsagePlanMeter
{
    private readonly UsageCounter _usage;
    private readonly ThrottleRegistry _throttles;

    public UsagePlanMeter(UsageCounter usage, ThrottleRegistry throttles)
    {
        _usage = usage;
        _throttles = throttles;
    }

    /// <param name="methodKey">The plan stage's throttle key: <c>{resourcePath}/{METHOD}</c> for REST, the route key for WebSocket APIs.</param>
    public UsageVerdict Take(UsagePlan plan, string keyId, string apiId, string stage, string methodKey)
    {
        var limits = plan.ApiStages?.FirstOrDefault(s => s.ApiId == apiId && s.Stage == stage)?.Throttle?.GetValueOrDefault(methodKey) ?? plan.Throttle;
        if (limits is not null
            && !_throttles.TryAcquire("usageplan:" + plan.Id, keyId, limits == plan.Throttle ? "" : methodKey,
                limits.RateLimit ?? ThrottleRegistry.AccountRate, limits.BurstLimit ?? ThrottleRegistry.AccountBurst))
        {
            return UsageVerdict.Throttled;
        }
        return _usage.TryCount(plan.Id!, keyId, plan.Quota) ? UsageVerdict.Allowed : UsageVerdict.QuotaExceeded;
    }
}
