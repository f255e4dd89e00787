namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// Identity source expressions of HTTP API authorizers: <c>$request.header.name</c>, <c>$request.querystring.name</c>,
/// <c>$context.name</c> and <c>$stageVariables.name</c>. A missing or empty value means the request carries no identity.
/// </summary>
internal static class IdentitySources
{
    public static string? Resolve(string expression, GatewayRequest request)
    {
        if (expression.StartsWith("$request.header.", StringComparison.OrdinalIgnoreCase))
        {
            return Empty(request.Header(expression["$request.header.".Length..].ToLowerInvariant()));
        }
        if (expression.StartsWith("$request.querystring.", StringComparison.OrdinalIgnoreCase))
        {
            return Empty(request.QueryValue(expression["$request.querystring.".Length..]));
        }
        if (expression.StartsWith("$stageVariables.", StringComparison.Ordinal))
        {
            return Empty(request.Stage.StageVariables?.GetValueOrDefault(expression["$stageVariables.".Length..]));
        }
        if (expression.StartsWith("$context.", StringComparison.Ordinal))
        {
            return Empty(expression["$context.".Length..] switch
            {
                "apiId" => request.ApiId,
                "stage" => request.StageName,
                "routeKey" => request.Route?.RouteKey,
                "httpMethod" => request.Method,
                "path" => request.RawPath,
                "requestId" => request.RequestId,
                "identity.sourceIp" => request.SourceIp,
                "identity.userAgent" => request.UserAgent,
                "domainName" => request.DomainName,
                _ => null,
            });
        }
        return null;
    }

    /// <summary>Every source's value, or null when one is missing (AWS then answers 401 without calling the authorizer).</summary>
    public static List<string>? ResolveAll(IReadOnlyList<string>? expressions, GatewayRequest request)
    {
        var values = new List<string>();
        foreach (var expression in expressions ?? [])
        {
            if (Resolve(expression, request) is not { } value)
            {
                return null;
            }
            values.Add(value);
        }
        return values;
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
