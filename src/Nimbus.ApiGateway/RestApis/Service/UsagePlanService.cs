using System.Collections.Concurrent;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.RestApis.Store;
using Nimbus.ApiGateway.Service;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>
/// API keys, usage plans and the keys in them: regional resources, not per API. Changes are persisted before they
/// become visible; the data plane finds a key by its value and the plan that covers an API stage for it.
/// </summary>
internal sealed partial class UsagePlanService
{
    private readonly IRestApiStore _store;
    private readonly RestApiService _apis;
    private readonly HttpApiService _webSocketApis;
    private readonly UsageCounter _usage;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ApiKeyDocument> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UsagePlanDocument> _plans = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public UsagePlanService(IRestApiStore store, RestApiService apis, HttpApiService webSocketApis, UsageCounter usage, TimeProvider time)
    {
        _store = store;
        _apis = apis;
        _webSocketApis = webSocketApis;
        _usage = usage;
        _time = time;
        foreach (var key in store.LoadApiKeys())
        {
            _keys[key.Key.Id!] = key;
        }
        foreach (var plan in store.LoadUsagePlans())
        {
            _plans[plan.Plan.Id!] = plan;
        }
    }

    /// <summary>The key a request names in <c>x-api-key</c> (any account: the data plane checks it belongs to the API's).</summary>
    public ApiKeyDocument? FindKeyByValue(string value) => _keys.Values.FirstOrDefault(k => k.Key.Value == value);

    /// <summary>The usage plan that lets <paramref name="keyId"/> call the API stage, if any.</summary>
    public UsagePlanDocument? PlanFor(string keyId, string apiId, string stage) =>
        _plans.Values.FirstOrDefault(p => p.KeyIds.Contains(keyId) && p.Plan.ApiStages?.Any(s => s.ApiId == apiId && s.Stage == stage) == true);

    private ApiKeyDocument FindKey(AwsScope scope, string keyId) =>
        _keys.TryGetValue(keyId, out var key) && key.AccountId == scope.AccountId && key.Region == scope.Region ? key : throw RestErrors.ApiKeyNotFound();

    private UsagePlanDocument FindPlan(AwsScope scope, string planId) =>
        _plans.TryGetValue(planId, out var plan) && plan.AccountId == scope.AccountId && plan.Region == scope.Region ? plan : throw RestErrors.UsagePlanNotFound(planId);

    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private static T Copy<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        System.Text.Json.JsonSerializer.Deserialize(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, type), type)!;

    /// <summary>Usage plans cover stages of REST APIs and of WebSocket APIs (whose <c>$connect</c> can require a key).</summary>
    private bool StageExists(AwsScope scope, string apiId, string stage) =>
        _apis.Exists(scope, apiId)
            ? _apis.FindForDataPlane(apiId)?.Stages.ContainsKey(stage) == true
            : _webSocketApis.FindForDataPlane(apiId) is { } api && api.Api.ProtocolType == "WEBSOCKET" && api.AccountId == scope.AccountId
                && api.Region == scope.Region && api.Stages.ContainsKey(stage);
}
