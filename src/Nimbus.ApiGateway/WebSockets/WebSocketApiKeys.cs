using Nimbus.ApiGateway.RestApis.Runtime;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Runtime;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.WebSockets;

/// <summary>
/// API keys on a WebSocket <c>$connect</c> route with <c>apiKeyRequired</c>: the key the API's
/// <c>apiKeySelectionExpression</c> names (<c>$request.header.x-api-key</c>, the default, or
/// <c>$context.authorizer.usageIdentifierKey</c>) must exist, be enabled, belong to the API's account and be in a usage
/// plan of this stage, else 403 Forbidden. The plan then meters the connection and every message sent on it: past its
/// per-key throttle (the plan stage's limits for the route key first) the handshake gets 429 "Too Many Requests" and
/// a message the error frame "Too Many Requests"; past its quota, 429 / the frame "Limit Exceeded". A refused
/// message is not routed and the connection stays open.
/// </summary>
internal sealed class WebSocketApiKeys
{
    private readonly UsagePlanService _plans;
    private readonly UsagePlanMeter _meter;

    public WebSocketApiKeys(UsagePlanService plans, UsagePlanMeter meter)
    {
        _plans = plans;
        _meter = meter;
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
        return MessageOf(_meter.Take(plan.Plan, found.Key.Id!, connection.ApiId, connection.Stage, ProtocolRules.Connect)) is { } refusal
            ? GatewayResponse.Message(429, refusal)
            : null;
    }

    /// <summary>
    /// Null when a message of a connection opened with a key may be routed to <paramref name="routeKey"/>, else the
    /// error frame's message. Connections without a key (or whose key left the plan) are not metered.
    /// </summary>
    public string? CheckMessage(WebSocketConnection connection, string routeKey) =>
        connection.ApiKeyId is { } keyId && _plans.PlanFor(keyId, connection.ApiId, connection.Stage) is { } plan
            ? MessageOf(_meter.Take(plan.Plan, keyId, connection.ApiId, connection.Stage, routeKey))
            : null;

    private static string? MessageOf(UsageVerdict verdict) => verdict switch
    {
        UsageVerdict.Throttled => "Too Many Requests",
        UsageVerdict.QuotaExceeded => "Limit Exceeded",
        _ => null,
    };
}
