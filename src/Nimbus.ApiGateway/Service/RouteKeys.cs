namespace Nimbus.ApiGateway.Service;

/// <summary>
/// HTTP API route keys: <c>$default</c> or <c>METHOD /path</c>, where the method is one of AWS's or <c>ANY</c>, path
/// segments may be <c>{name}</c>, and a greedy <c>{name+}</c> may only end the path.
/// </summary>
internal static class RouteKeys
{
    public const string Default = "$default";

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    public static void Validate(string routeKey)
    {
        if (routeKey == Default)
        {
            return;
        }
        var space = routeKey.IndexOf(' ');
        var error = space <= 0 ? "must be $default or METHOD /path" : Check(routeKey[..space], routeKey[(space + 1)..]);
        if (error is not null)
        {
            throw ApiGatewayErrors.BadRequest($"Unable to create route {routeKey}: the route key {error}.");
        }
    }

    private static string? Check(string method, string path)
    {
        if (!Methods.Contains(method))
        {
            return "has an unsupported method " + method;
        }
        if (!path.StartsWith('/'))
        {
            return "path must start with /";
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isVariable = segment.StartsWith('{') && segment.EndsWith('}');
            if (!isVariable && (segment.Contains('{') || segment.Contains('}')))
            {
                return "path has a malformed variable " + segment;
            }
            if (isVariable && segment.EndsWith("+}", StringComparison.Ordinal) && i != segments.Length - 1)
            {
                return "path may have a greedy variable only as its last segment";
            }
            if (isVariable && segment.Length <= (segment.EndsWith("+}", StringComparison.Ordinal) ? 3 : 2))
            {
                return "path has an empty variable name";
            }
        }
        return null;
    }
}
