using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// API keys on a WebSocket <c>$connect</c> route with <c>apiKeyRequired</c>: the key the API's
/// <c>apiKeySelectionExpression</c> names (<c>$request.header.x-api-key</c>, the default, or
/// <c>$context.authorizer.usageIdentifierKey</c>) must exist, be enabled, belong to the API's account and be in a usage
/// plan of this stage, else 403 Forbidden; the plan's quota counts connections (429 "Limit Exceeded" past it).
/// </summary>
internal sealed class WebSocketApiKeys
{
    private readonly UsagePlanService _plans;
    private readonly UsageCounter _usage;

    public WebSocketApiKeys(UsagePlanService plans, UsageCounter usage)
    {
        _plans = plans;
        _usage = usage;
    }

    /// <summary>Null when the connection may proceed (its key then recorded on it), else the refusal.</summary>
    public GatewayResponse? Check(WebSocketConnection connection, ConnectRequest request)
    {
        var value = connection.Api.Api.ApiKeySelectionExpression == "$context.authorizer.usageIdentifierKey"
            ? connection.AuthorizerContext is { } context && context.TryGetProperty("usageIdentifierKey", out var key) ? key.GetString() : null
            : request.Headers.Where(h => h.Key.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).FirstOrDefault();
        if (string.IsNullOrEmpty(value) || _plans.FindKeyByValue(value) is not { } found || found.Key.Enabled != true
            || found.AccountId != connection.Api.AccountId || found.Region != connection.Api.Region
            || _plans.PlanFor(found.Key.Id!, connection.ApiId, connection.Stage) is not { } plan)
        {
            return GatewayResponse.Forbidden();
        }
        connection.ApiKey = value;
        connection.ApiKeyId = found.Key.Id;
        return _usage.TryCount(plan.Plan.Id!, found.Key.Id!, plan.Plan.Quota) ? null : GatewayResponse.Message(429, "Limit Exceeded");
    }
}
