using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// Methods with <c>apiKeyRequired</c>: the key (from <c>x-api-key</c>, or the authorizer's <c>usageIdentifierKey</c> when
/// the API's key source is AUTHORIZER) must exist, be enabled, belong to the API's account and be in a usage plan of
/// this API stage, else 403 <c>{"message":"Forbidden"}</c>. Then the plan's per-key throttle (the method's own limits
/// in the plan first) gives 429 "Too Many Requests" and its quota 429 "Limit Exceeded".
/// </summary>
internal sealed class ApiKeyGate
{
    private readonly UsagePlanService _plans;
    private readonly UsagePlanMeter _meter;

    public ApiKeyGate(UsagePlanService plans, UsagePlanMeter meter)
    {
        _plans = plans;
        _meter = meter;
    }

    /// <summary>Null when the request may proceed (its key is then recorded on it), else the refusal.</summary>
    public GatewayResponse? Check(RestRequest request)
    {
        var value = request.Api.Api.ApiKeySource == "AUTHORIZER" ? request.UsageIdentifierKey : request.Header("x-api-key");
        if (string.IsNullOrEmpty(value) || _plans.FindKeyByValue(value) is not { } key || key.Key.Enabled != true
            || key.AccountId != request.AccountId || key.Region != request.Api.Region
            || _plans.PlanFor(key.Key.Id!, request.ApiId, request.StageName) is not { } plan)
        {
            return RestResponses.Forbidden();
        }
        request.ApiKey = value;
        request.ApiKeyId = key.Key.Id;
        return _meter.Take(plan.Plan, key.Key.Id!, request.ApiId, request.StageName, request.ResourcePath + "/" + request.MethodConfig.HttpMethod) switch
        {
            UsageVerdict.Throttled => RestResponses.TooManyRequests(),
            UsageVerdict.QuotaExceeded => RestResponses.LimitExceeded(),
            _ => null,
        };
    }
}
