using System.Collections.Concurrent;
using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>
/// One bucket per API, stage and route key, with the route's settings if the stage has them, else the stage's
/// default route settings, else the account limits (10,000 requests/s, burst 5,000). Changing the limits starts a
/// fresh bucket.
/// </summary>
internal sealed class ThrottleRegistry
{
    public const double AccountRate = 10_000;
    public const int AccountBurst = 5_000;

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string ApiId, string Stage, string RouteKey, double Rate, int Burst), TokenBucket> _buckets = new();

    public ThrottleRegistry(TimeProvider time) => _time = time;

    public bool TryAcquire(GatewayRequest request)
    {
        var routeKey = request.Route?.RouteKey ?? "$default";
        var settings = request.Stage.RouteSettings?.GetValueOrDefault(routeKey);
        var rate = settings?.ThrottlingRateLimit ?? request.Stage.DefaultRouteSettings?.ThrottlingRateLimit ?? AccountRate;
        var burst = settings?.ThrottlingBurstLimit ?? request.Stage.DefaultRouteSettings?.ThrottlingBurstLimit ?? AccountBurst;
        return TryAcquire(request.ApiId, request.StageName, routeKey, rate, burst);
    }

    /// <summary>Takes a token from the bucket of (<paramref name="apiId"/>, <paramref name="stage"/>, <paramref name="key"/>) with these limits (REST API methods and usage-plan keys too).</summary>
    public bool TryAcquire(string apiId, string stage, string key, double rate, int burst) =>
        _buckets.GetOrAdd((apiId, stage, key, rate, burst), k => new TokenBucket(k.Rate, k.Burst, _time)).TryTake();
}
