namespace Nimbus.Protocol.Rest;

/// <summary>
/// Matches rest-json/rest-xml request URIs against the model's <c>requestUri</c> templates
/// (<c>/2015-03-31/functions/{FunctionName}/invocations</c>, greedy <c>{Key+}</c>). Segments are matched on the
/// raw (still percent-encoded) path and decoded afterwards, so an encoded <c>/</c> or <c>:</c> stays inside its label.
/// When several templates match, the one with the most literal segments wins.
/// </summary>
public sealed class RestRouteTable<THandler> where THandler : class
{
    private readonly List<Route> _routes = [];

    public RestRouteTable<THandler> Add(string method, string template, THandler handler)
    {
        var path = template.Split('?')[0];
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        _routes.Add(new Route(method, segments, handler, segments.Count(s => !s.StartsWith('{'))));
        return this;
    }

    /// <summary>Finds the route of a request. <paramref name="pathExists"/> tells 404 from 405 when nothing matches.</summary>
    public THandler? Match(string method, string rawPath, out Dictionary<string, string> labels, out bool pathExists)
    {
        var pathPart = rawPath.Split('?', 2)[0];
        var segments = pathPart.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        labels = new Dictionary<string, string>(StringComparer.Ordinal);
        pathExists = false;
        Route? best = null;
        Dictionary<string, string>? bestLabels = null;
        foreach (var route in _routes)
        {
            var captured = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!TryMatch(route.Segments, segments, captured))
            {
                continue;
            }
            pathExists = true;
            if (!string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (best is null || route.LiteralCount > best.LiteralCount)
            {
                best = route;
                bestLabels = captured;
            }
        }
        if (best is null)
        {
            return null;
        }
        labels = bestLabels!;
        return best.Handler;
    }

    private static bool TryMatch(string[] template, string[] segments, Dictionary<string, string> captured)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= segments.Length)
                {
                    return false;
                }
                captured[part[1..^2]] = Uri.UnescapeDataString(string.Join('/', segments[i..]));
                return true;
            }
            if (i >= segments.Length)
            {
                return false;
            }
            if (part.StartsWith('{'))
            {
                captured[part[1..^1]] = Uri.UnescapeDataString(segments[i]);
            }
            else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return template.Length == segments.Length;
    }

    private sealed record Route(string Method, string[] Segments, THandler Handler, int LiteralCount);
}
