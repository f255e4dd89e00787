using Nimbus.ApiGateway.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

/// <summary>
/// Route responses and integration responses: children of a WebSocket route or integration, one generic store shape
/// (owner id → child id → child) for both. HTTP APIs have neither, and AWS refuses them there.
/// </summary>
internal sealed partial class HttpApiService
{
    public RouteResponse CreateRouteResponse(AwsScope scope, string apiId, string routeId, RouteResponse input)
    {
        Validation.RequireField(input.RouteResponseKey, "RouteResponseKey");
        return Mutate(scope, apiId, (doc, _) =>
        {
            RequireWebSocket(doc, "Route responses");
            Required(doc.Routes, routeId, scope, apiId, "Route");
            CheckRouteResponseKey(input.RouteResponseKey!);
            var children = doc.RouteResponses.TryGetValue(routeId, out var existing) ? existing : doc.RouteResponses[routeId] = [];
            if (children.Values.Any(r => r.RouteResponseKey == input.RouteResponseKey))
            {
                throw ApiGatewayErrors.Conflict($"Route response key {input.RouteResponseKey} already exists for this route");
            }
            input.RouteResponseId = ApiIds.New(6);
            children[input.RouteResponseId] = input;
            return input;
        }, redeploy: true);
    }

    public RouteResponse GetRouteResponse(AwsScope scope, string apiId, string routeId, string id) =>
        Child(Find(scope, apiId), d => d.Routes, d => d.RouteResponses, routeId, id, scope, "Route", "RouteResponse");

    public IReadOnlyList<RouteResponse> GetRouteResponses(AwsScope scope, string apiId, string routeId) =>
        Children(Find(scope, apiId), d => d.Routes, d => d.RouteResponses, routeId, scope, "Route", r => r.RouteResponseKey);

    public RouteResponse UpdateRouteResponse(AwsScope scope, string apiId, string routeId, string id, RouteResponse input) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var response = Child(doc, d => d.Routes, d => d.RouteResponses, routeId, id, scope, "Route", "RouteResponse");
            if (input.RouteResponseKey is not null)
            {
                CheckRouteResponseKey(input.RouteResponseKey);
                response.RouteResponseKey = input.RouteResponseKey;
            }
            response.ModelSelectionExpression = input.ModelSelectionExpression ?? response.ModelSelectionExpression;
            response.ResponseModels = input.ResponseModels ?? response.ResponseModels;
            response.ResponseParameters = input.ResponseParameters ?? response.ResponseParameters;
            return response;
        }, redeploy: true);

    public void DeleteRouteResponse(AwsScope scope, string apiId, string routeId, string id) =>
        Mutate(scope, apiId, (doc, _) => RemoveChild(doc, d => d.Routes, d => d.RouteResponses, routeId, id, scope, "Route", "RouteResponse"), redeploy: true);

    public IntegrationResponse CreateIntegrationResponse(AwsScope scope, string apiId, string integrationId, IntegrationResponse input)
    {
        Validation.RequireField(input.IntegrationResponseKey, "IntegrationResponseKey");
        return Mutate(scope, apiId, (doc, _) =>
        {
            RequireWebSocket(doc, "Integration responses");
            Required(doc.Integrations, integrationId, scope, apiId, "Integration");
            CheckContentHandling(input.ContentHandlingStrategy);
            var children = doc.IntegrationResponses.TryGetValue(integrationId, out var existing) ? existing : doc.IntegrationResponses[integrationId] = [];
            if (children.Values.Any(r => r.IntegrationResponseKey == input.IntegrationResponseKey))
            {
                throw ApiGatewayErrors.Conflict($"Integration response key {input.IntegrationResponseKey} already exists for this integration");
            }
            input.IntegrationResponseId = ApiIds.New(6);
            children[input.IntegrationResponseId] = input;
            return input;
        }, redeploy: true);
    }

    public IntegrationResponse GetIntegrationResponse(AwsScope scope, string apiId, string integrationId, string id) =>
        Child(Find(scope, apiId), d => d.Integrations, d => d.IntegrationResponses, integrationId, id, scope, "Integration", "IntegrationResponse");

    public IReadOnlyList<IntegrationResponse> GetIntegrationResponses(AwsScope scope, string apiId, string integrationId) =>
        Children(Find(scope, apiId), d => d.Integrations, d => d.IntegrationResponses, integrationId, scope, "Integration", r => r.IntegrationResponseKey);

    public IntegrationResponse UpdateIntegrationResponse(AwsScope scope, string apiId, string integrationId, string id, IntegrationResponse input) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var response = Child(doc, d => d.Integrations, d => d.IntegrationResponses, integrationId, id, scope, "Integration", "IntegrationResponse");
            CheckContentHandling(input.ContentHandlingStrategy);
            response.IntegrationResponseKey = input.IntegrationResponseKey ?? response.IntegrationResponseKey;
            response.ContentHandlingStrategy = input.ContentHandlingStrategy ?? response.ContentHandlingStrategy;
            response.ResponseParameters = input.ResponseParameters ?? response.ResponseParameters;
            response.ResponseTemplates = input.ResponseTemplates ?? response.ResponseTemplates;
            response.TemplateSelectionExpression = input.TemplateSelectionExpression ?? response.TemplateSelectionExpression;
            return response;
        }, redeploy: true);

    public void DeleteIntegrationResponse(AwsScope scope, string apiId, string integrationId, string id) =>
        Mutate(scope, apiId, (doc, _) => RemoveChild(doc, d => d.Integrations, d => d.IntegrationResponses, integrationId, id, scope, "Integration", "IntegrationResponse"), redeploy: true);

    private static void RequireWebSocket(ApiDocument doc, string what)
    {
        if (doc.Api.ProtocolType != "WEBSOCKET")
        {
            throw ApiGatewayErrors.BadRequest($"{what} are supported only for WebSocket APIs");
        }
    }

    /// <summary>WebSocket APIs accept only <c>$default</c> as a route response key.</summary>
    private static void CheckRouteResponseKey(string key)
    {
        if (key != RouteKeys.Default)
        {
            throw ApiGatewayErrors.BadRequest("Only $default is supported as a RouteResponseKey for WebSocket APIs");
        }
    }

    private static void CheckContentHandling(string? strategy)
    {
        if (strategy is not (null or "CONVERT_TO_BINARY" or "CONVERT_TO_TEXT"))
        {
            throw ApiGatewayErrors.BadRequest("Invalid content handling strategy specified: " + strategy);
        }
    }

    private static TChild Child<TOwner, TChild>(ApiDocument doc, Func<ApiDocument, Dictionary<string, TOwner>> owners,
        Func<ApiDocument, Dictionary<string, Dictionary<string, TChild>>> children, string ownerId, string id, AwsScope scope, string ownerKind, string kind)
    {
        Required(owners(doc), ownerId, scope, doc.Api.ApiId!, ownerKind);
        return Required(children(doc).GetValueOrDefault(ownerId) ?? [], id, scope, doc.Api.ApiId!, kind);
    }

    private static IReadOnlyList<TChild> Children<TOwner, TChild>(ApiDocument doc, Func<ApiDocument, Dictionary<string, TOwner>> owners,
        Func<ApiDocument, Dictionary<string, Dictionary<string, TChild>>> children, string ownerId, AwsScope scope, string ownerKind, Func<TChild, string?> key)
    {
        Required(owners(doc), ownerId, scope, doc.Api.ApiId!, ownerKind);
        return [.. (children(doc).GetValueOrDefault(ownerId) ?? []).Values.OrderBy(key, StringComparer.Ordinal)];
    }

    private static bool RemoveChild<TOwner, TChild>(ApiDocument doc, Func<ApiDocument, Dictionary<string, TOwner>> owners,
        Func<ApiDocument, Dictionary<string, Dictionary<string, TChild>>> children, string ownerId, string id, AwsScope scope, string ownerKind, string kind)
    {
        Child(doc, owners, children, ownerId, id, scope, ownerKind, kind);
        var siblings = children(doc)[ownerId];
        siblings.Remove(id);
        if (siblings.Count == 0)
        {
            children(doc).Remove(ownerId);
        }
        return true;
    }
}
