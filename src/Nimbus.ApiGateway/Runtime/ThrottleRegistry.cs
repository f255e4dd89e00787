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
        var bucket = _buckets.GetOrAdd((request.ApiId, request.StageName, routeKey, rate, burst), key => new TokenBucket(key.Rate, key.Burst, _time));
        return bucket.TryTake();
    }
}
