using Microsoft.AspNetCore.Http.Features;
using Nimbus.ApiGateway.RestApis.Api;
using Nimbus.ApiGateway.Service;
using Nimbus.Protocol;
using Nimbus.Protocol.Rest;

namespace Nimbus.ApiGateway.Api;

/// <summary>
/// API Gateway's control planes on the edge endpoint. <c>apigatewayv2</c> (<c>/v2/…</c>) and <c>apigateway</c>
/// (<c>/restapis</c>, <c>/apikeys</c>, …) share the signing name <c>apigateway</c>, so one handler serves both and the
/// path picks the model. Operations Nimbus lacks answer 501 NotImplementedException.
/// </summary>
internal sealed class ApiGatewayControlHandler : IAwsServiceHandler
{
    private readonly HttpApiService _service;
    private readonly RestApiControlHandler _restApis;
    private readonly RestRouteTable<Func<ControlCall, Task>> _routes = new();

    public ApiGatewayControlHandler(HttpApiService service, RestApiControlHandler restApis)
    {
        _service = service;
        _restApis = restApis;
        Add("POST", "/v2/apis", ApiOperations.CreateAsync);
        Add("GET", "/v2/apis", ApiOperations.ListAsync);
        Add("GET", "/v2/apis/{apiId}", ApiOperations.GetAsync);
        Add("PATCH", "/v2/apis/{apiId}", ApiOperations.UpdateAsync);
        Add("DELETE", "/v2/apis/{apiId}", ApiOperations.DeleteAsync);
        Add("DELETE", "/v2/apis/{apiId}/cors", ApiOperations.DeleteCorsAsync);
        Add("POST", "/v2/apis/{apiId}/routes", RouteOperations.CreateAsync);
        Add("GET", "/v2/apis/{apiId}/routes", RouteOperations.ListAsync);
        Add("GET", "/v2/apis/{apiId}/routes/{routeId}", RouteOperations.GetAsync);
        Add("PATCH", "/v2/apis/{apiId}/routes/{routeId}", RouteOperations.UpdateAsync);
        Add("DELETE", "/v2/apis/{apiId}/routes/{routeId}", RouteOperations.DeleteAsync);
        Add("POST", "/v2/apis/{apiId}/integrations", IntegrationOperations.CreateAsync);
        Add("GET", "/v2/apis/{apiId}/integrations", IntegrationOperations.ListAsync);
        Add("GET", "/v2/apis/{apiId}/integrations/{integrationId}", IntegrationOperations.GetAsync);
        Add("PATCH", "/v2/apis/{apiId}/integrations/{integrationId}", IntegrationOperations.UpdateAsync);
        Add("DELETE", "/v2/apis/{apiId}/integrations/{integrationId}", IntegrationOperations.DeleteAsync);
        Add("POST", "/v2/apis/{apiId}/stages", StageOperations.CreateAsync);
        Add("GET", "/v2/apis/{apiId}/stages", StageOperations.ListAsync);
        Add("GET", "/v2/apis/{apiId}/stages/{stageName}", StageOperations.GetAsync);
        Add("PATCH", "/v2/apis/{apiId}/stages/{stageName}", StageOperations.UpdateAsync);
        Add("DELETE", "/v2/apis/{apiId}/stages/{stageName}", StageOperations.DeleteAsync);
        Add("DELETE", "/v2/apis/{apiId}/stages/{stageName}/routesettings/{routeKey}", StageOperations.DeleteRouteSettingsAsync);
        Add("DELETE", "/v2/apis/{apiId}/stages/{stageName}/accesslogsettings", StageOperations.DeleteAccessLogSettingsAsync);
        Add("DELETE", "/v2/apis/{apiId}/stages/{stageName}/cache/authorizers", StageOperations.ResetAuthorizersCacheAsync);
        Add("POST", "/v2/apis/{apiId}/deployments", DeploymentOperations.CreateAsync);
        Add("GET", "/v2/apis/{apiId}/deployments", DeploymentOperations.ListAsync);
        Add("GET", "/v2/apis/{apiId}/deployments/{deploymentId}", DeploymentOperations.GetAsync);
        Add("PATCH", "/v2/apis/{apiId}/deployments/{deploymentId}", DeploymentOperations.UpdateAsync);
        Add("DELETE", "/v2/apis/{apiId}/deployments/{deploymentId}", DeploymentOperations.DeleteAsync);
        Add("POST", "/v2/apis/{apiId}/authorizers", AuthorizerOperations.CreateAsync);
        Add("GET", "/v2/apis/{apiId}/authorizers", AuthorizerOperations.ListAsync);
        Add("GET", "/v2/apis/{apiId}/authorizers/{authorizerId}", AuthorizerOperations.GetAsync);
        Add("PATCH", "/v2/apis/{apiId}/authorizers/{authorizerId}", AuthorizerOperations.UpdateAsync);
        Add("DELETE", "/v2/apis/{apiId}/authorizers/{authorizerId}", AuthorizerOperations.DeleteAsync);
        Add("GET", "/v2/tags/{resource-arn}", TagOperations.GetAsync);
        Add("POST", "/v2/tags/{resource-arn}", TagOperations.TagAsync);
        Add("DELETE", "/v2/tags/{resource-arn}", TagOperations.UntagAsync);
        ResponseOperations.Register(Add);
        foreach (var (method, template, operation) in NotImplementedOperations.V2)
        {
            if (_routes.Match(method, template.Split('?')[0], out _, out _) is null)
            {
                Add(method, template, _ => throw ApiGatewayErrors.NotImplemented(operation));
            }
        }
    }

    public AwsServiceDescriptor Descriptor { get; } = new("apigateway", AwsProtocol.RestJson)
    {
        PathPrefixes = ["/v2/apis", "/v2/domainnames", "/v2/vpclinks", "/v2/tags/", "/v2/portals", "/v2/portalproducts", "/restapis", "/apikeys", "/usageplans", "/tags/arn:aws:apigateway:"],
    };

    public Task HandleAsync(AwsRequestContext request)
    {
        var http = request.Http.Request;
        var rawPath = request.Http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Path.Value ?? "/";
        if (!rawPath.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return _restApis.HandleAsync(request, rawPath);
        }
        var handler = _routes.Match(http.Method, rawPath, out var labels, out var pathExists);
        if (handler is null)
        {
            throw pathExists
                ? new Nimbus.Core.AwsServiceException("MethodNotAllowedException", 405, $"The method {http.Method} is not allowed for the requested resource")
                : ApiGatewayErrors.NotFound("Invalid request path " + (http.Path.Value ?? "/"), "Path");
        }
        return handler(new ControlCall(request, labels, _service));
    }

    private void Add(string method, string template, Func<ControlCall, Task> handler) => _routes.Add(method, template, handler);
}
