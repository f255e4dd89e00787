using Nimbus.ApiGateway.Model;
using Nimbus.ApiGateway.Service;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>A deployment ready to serve: routes in precedence order, integrations and authorizers by id.</summary>
internal sealed class CompiledDeployment
{
    private readonly RoutePattern[] _routes;

    public CompiledDeployment(DeploymentSnapshot snapshot)
    {
        var patterns = new List<RoutePattern>();
        foreach (var route in snapshot.Routes)
        {
            if (route.RouteKey == RouteKeys.Default)
            {
                DefaultRoute = route;
            }
            else if (RoutePattern.Compile(route) is { } pattern)
            {
                patterns.Add(pattern);
            }
        }
        // A stable sort keeps equally specific routes in a fixed order.
        _routes = [.. patterns.OrderBy(p => p, Comparer<RoutePattern>.Create(RoutePattern.Compare))];
        Integrations = snapshot.Integrations.Where(i => i.IntegrationId is not null).ToDictionary(i => i.IntegrationId!, StringComparer.Ordinal);
        Authorizers = snapshot.Authorizers.Where(a => a.AuthorizerId is not null).ToDictionary(a => a.AuthorizerId!, StringComparer.Ordinal);
        RoutesByKey = snapshot.Routes.Where(r => r.RouteKey is not null).ToDictionary(r => r.RouteKey!, StringComparer.Ordinal);
        TwoWayRouteIds = snapshot.TwoWayRouteIds.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>WebSocket APIs select routes by key (<c>$connect</c>, <c>sendmessage</c>, …), not by pattern.</summary>
    public Dictionary<string, ApiRoute> RoutesByKey { get; }

    /// <summary>WebSocket routes with a route response: the integration's answer goes back to the client.</summary>
    public HashSet<string> TwoWayRouteIds { get; }

    public ApiRoute? DefaultRoute { get; }

    public Dictionary<string, ApiIntegration> Integrations { get; }

    public Dictionary<string, ApiAuthorizer> Authorizers { get; }

    /// <summary>The route for a request, or the <c>$default</c> route, or null (404).</summary>
    public ApiRoute? Match(string method, string stagePath, out Dictionary<string, string> parameters)
    {
        var segments = stagePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pattern in _routes)
        {
            if (pattern.TryMatch(method, segments, parameters))
            {
                return pattern.Route;
            }
            parameters.Clear();
        }
        return DefaultRoute;
    }

    public ApiIntegration? IntegrationOf(ApiRoute route) =>
        route.Target is { } target && target.StartsWith("integrations/", StringComparison.Ordinal)
            ? Integrations.GetValueOrDefault(target["integrations/".Length..])
            : null;
}
