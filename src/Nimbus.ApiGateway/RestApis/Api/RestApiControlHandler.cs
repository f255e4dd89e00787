using Nimbus.ApiGateway.Api;
using Nimbus.ApiGateway.RestApis.Service;
using Nimbus.ApiGateway.Service;
using Nimbus.Protocol;
using Nimbus.Protocol.Rest;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>
/// The <c>apigateway</c> (2015-07-09) control plane: every path that is not <c>/v2/…</c>. The API Gateway control
/// handler hands these requests here; operations Nimbus lacks answer 501 NotImplementedException.
/// </summary>
internal sealed class RestApiControlHandler
{
    private const string Api = "/restapis/{restapi_id}";
    private const string Resource = Api + "/resources/{resource_id}";
    private const string Method = Resource + "/methods/{http_method}";
    private const string Integration = Method + "/integration";

    private readonly HttpApiService _httpApis;
    private readonly RestApiService _apis;
    private readonly UsagePlanService _plans;
    private readonly RestRouteTable<Func<RestCall, Task>> _routes = new();

    public RestApiControlHandler(HttpApiService httpApis, RestApiService apis, UsagePlanService plans)
    {
        _httpApis = httpApis;
        _apis = apis;
        _plans = plans;
        Add("POST", "/restapis", RestApiOperations.CreateAsync);
        Add("GET", "/restapis", RestApiOperations.ListAsync);
        Add("GET", Api, RestApiOperations.GetAsync);
        Add("PATCH", Api, RestApiOperations.UpdateAsync);
        Add("DELETE", Api, RestApiOperations.DeleteAsync);
        Add("GET", Api + "/resources", ResourceOperations.ListAsync);
        Add("GET", Resource, ResourceOperations.GetAsync);
        Add("POST", Api + "/resources/{parent_id}", ResourceOperations.CreateAsync);
        Add("PATCH", Resource, ResourceOperations.UpdateAsync);
        Add("DELETE", Resource, ResourceOperations.DeleteAsync);
        Add("PUT", Method, MethodOperations.PutAsync);
        Add("GET", Method, MethodOperations.GetAsync);
        Add("PATCH", Method, MethodOperations.UpdateAsync);
        Add("DELETE", Method, MethodOperations.DeleteAsync);
        Add("PUT", Method + "/responses/{status_code}", MethodOperations.PutResponseAsync);
        Add("GET", Method + "/responses/{status_code}", MethodOperations.GetResponseAsync);
        Add("PATCH", Method + "/responses/{status_code}", MethodOperations.UpdateResponseAsync);
        Add("DELETE", Method + "/responses/{status_code}", MethodOperations.DeleteResponseAsync);
        Add("PUT", Integration, RestIntegrationOperations.PutAsync);
        Add("GET", Integration, RestIntegrationOperations.GetAsync);
        Add("PATCH", Integration, RestIntegrationOperations.UpdateAsync);
        Add("DELETE", Integration, RestIntegrationOperations.DeleteAsync);
        Add("PUT", Integration + "/responses/{status_code}", RestIntegrationOperations.PutResponseAsync);
        Add("GET", Integration + "/responses/{status_code}", RestIntegrationOperations.GetResponseAsync);
        Add("PATCH", Integration + "/responses/{status_code}", RestIntegrationOperations.UpdateResponseAsync);
        Add("DELETE", Integration + "/responses/{status_code}", RestIntegrationOperations.DeleteResponseAsync);
        Add("POST", Api + "/deployments", RestDeploymentOperations.CreateAsync);
        Add("GET", Api + "/deployments", RestDeploymentOperations.ListAsync);
        Add("GET", Api + "/deployments/{deployment_id}", RestDeploymentOperations.GetAsync);
        Add("PATCH", Api + "/deployments/{deployment_id}", RestDeploymentOperations.UpdateAsync);
        Add("DELETE", Api + "/deployments/{deployment_id}", RestDeploymentOperations.DeleteAsync);
        Add("POST", Api + "/stages", RestStageOperations.CreateAsync);
        Add("GET", Api + "/stages", RestStageOperations.ListAsync);
        Add("GET", Api + "/stages/{stage_name}", RestStageOperations.GetAsync);
        Add("PATCH", Api + "/stages/{stage_name}", RestStageOperations.UpdateAsync);
        Add("DELETE", Api + "/stages/{stage_name}", RestStageOperations.DeleteAsync);
        Add("DELETE", Api + "/stages/{stage_name}/cache/authorizers", RestStageOperations.FlushAuthorizersCacheAsync);
        Add("POST", Api + "/authorizers", RestAuthorizerOperations.CreateAsync);
        Add("GET", Api + "/authorizers", RestAuthorizerOperations.ListAsync);
        Add("GET", Api + "/authorizers/{authorizer_id}", RestAuthorizerOperations.GetAsync);
        Add("PATCH", Api + "/authorizers/{authorizer_id}", RestAuthorizerOperations.UpdateAsync);
        Add("DELETE", Api + "/authorizers/{authorizer_id}", RestAuthorizerOperations.DeleteAsync);
        Add("POST", "/apikeys", ApiKeyOperations.CreateAsync);
        Add("GET", "/apikeys", ApiKeyOperations.ListAsync);
        Add("GET", "/apikeys/{api_Key}", ApiKeyOperations.GetAsync);
        Add("PATCH", "/apikeys/{api_Key}", ApiKeyOperations.UpdateAsync);
        Add("DELETE", "/apikeys/{api_Key}", ApiKeyOperations.DeleteAsync);
        Add("POST", "/usageplans", UsagePlanOperations.CreateAsync);
        Add("GET", "/usageplans", UsagePlanOperations.ListAsync);
        Add("GET", "/usageplans/{usageplanId}", UsagePlanOperations.GetAsync);
        Add("PATCH", "/usageplans/{usageplanId}", UsagePlanOperations.UpdateAsync);
        Add("DELETE", "/usageplans/{usageplanId}", UsagePlanOperations.DeleteAsync);
        Add("POST", "/usageplans/{usageplanId}/keys", UsagePlanOperations.CreateKeyAsync);
        Add("GET", "/usageplans/{usageplanId}/keys", UsagePlanOperations.ListKeysAsync);
        Add("GET", "/usageplans/{usageplanId}/keys/{keyId}", UsagePlanOperations.GetKeyAsync);
        Add("DELETE", "/usageplans/{usageplanId}/keys/{keyId}", UsagePlanOperations.DeleteKeyAsync);
        Add("GET", "/usageplans/{usageplanId}/usage", UsagePlanOperations.GetUsageAsync);
        Add("GET", "/tags/{resource_arn}", RestTagOperations.GetAsync);
        Add("PUT", "/tags/{resource_arn}", RestTagOperations.TagAsync);
        Add("DELETE", "/tags/{resource_arn}", RestTagOperations.UntagAsync);
        foreach (var (method, template, operation) in NotImplementedOperations.V1)
        {
            // The import forms (?mode=import) share their paths with creates; HandleAsync tells them apart.
            if (!template.Contains('?', StringComparison.Ordinal) && _routes.Match(method, template, out _, out _) is null)
            {
                Add(method, template, _ => throw ApiGatewayErrors.NotImplemented(operation));
            }
        }
    }

    /// <summary>Serves one request whose path is not <c>/v2/…</c>; <paramref name="rawPath"/> is the raw request target.</summary>
    public Task HandleAsync(AwsRequestContext request, string rawPath)
    {
        var http = request.Http.Request;
        if (http.Query["mode"] == "import" && http.Method == "POST")
        {
            throw ApiGatewayErrors.NotImplemented(rawPath.StartsWith("/apikeys", StringComparison.Ordinal) ? "ImportApiKeys" : "ImportRestApi");
        }
        var handler = _routes.Match(http.Method, rawPath, out var labels, out var pathExists);
        if (handler is null)
        {
            throw pathExists
                ? new Nimbus.Core.AwsServiceException("MethodNotAllowedException", 405, $"The method {http.Method} is not allowed for the requested resource")
                : RestErrors.NotFound("Invalid request path " + (http.Path.Value ?? "/"));
        }
        return handler(new RestCall(new ControlCall(request, labels, _httpApis), _apis, _plans));
    }

    private void Add(string method, string template, Func<RestCall, Task> handler) => _routes.Add(method, template, handler);
}
