using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.ApiGateway.Runtime;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// HTTP_PROXY for REST APIs: the request goes to the integration URI (path variables from the method's path
/// parameters, or as <c>integration.request.path.x</c> maps them; stage variables; the query string appended) and the
/// backend's answer comes back unchanged. Unreachable is 500, slower than the timeout 504.
/// </summary>
internal sealed class RestHttpProxy
{
    private readonly HttpProxyIntegration _http;

    public RestHttpProxy(HttpProxyIntegration http) => _http = http;

    public async Task<GatewayResponse> InvokeAsync(RestRequest request, RestIntegration integration, CancellationToken cancellationToken)
    {
        var target = HttpProxyIntegration.TargetOf(integration.Uri ?? "", request.StageVariables, PathParametersFor(request, integration), request.RawQueryString);
        var method = integration.HttpMethod is null or "ANY" ? request.Method : integration.HttpMethod;
        var call = await _http.SendAsync(target, method, request.Headers, request.Body, forwarded: null, integration.TimeoutInMillis ?? 29000,
            request.ApiId, request.ResourceId + "/" + request.MethodConfig.HttpMethod, cancellationToken);
        return call.Response ?? (call.TimedOut ? RestResponses.EndpointTimeout() : RestResponses.InternalServerError());
    }

    /// <summary>The method's path parameters, plus those <c>integration.request.path.x = method.request.path.y</c> renames.</summary>
    public static Dictionary<string, string> PathParametersFor(RestRequest request, RestIntegration integration)
    {
        var parameters = new Dictionary<string, string>(request.PathParameters, StringComparer.Ordinal);
        foreach (var (target, source) in integration.RequestParameters ?? [])
        {
            if (target.StartsWith("integration.request.path.", StringComparison.Ordinal) && source.StartsWith("method.request.path.", StringComparison.Ordinal)
                && request.PathParameters.TryGetValue(source["method.request.path.".Length..], out var value))
            {
                parameters[target["integration.request.path.".Length..]] = value;
            }
        }
        return parameters;
    }
}
