using Nimbus.ApiGateway.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

internal sealed partial class HttpApiService
{
    private static readonly HashSet<string> AuthorizationTypes = new(StringComparer.Ordinal) { "NONE", "AWS_IAM", "CUSTOM", "JWT" };

    public ApiRoute CreateRoute(AwsScope scope, string apiId, ApiRoute input)
    {
        Validation.RequireField(input.RouteKey, "RouteKey");
        return Mutate(scope, apiId, (doc, _) =>
        {
            if (doc.Api.ProtocolType == "HTTP")
            {
                RouteKeys.Validate(input.RouteKey!);
            }
            if (doc.Routes.Values.Any(r => r.RouteKey == input.RouteKey))
            {
                throw ApiGatewayErrors.Conflict($"Route key {input.RouteKey} already exists for this API");
            }
            // The request body is the new route; what the caller may not set is set here.
            var route = input;
            route.ApiGatewayManaged = null;
            route.RouteId = ApiIds.Route();
            route.ApiKeyRequired ??= false;
            route.AuthorizationType ??= "NONE";
            CheckRoute(scope, doc, route);
            doc.Routes[route.RouteId] = route;
            return route;
        }, redeploy: true);
    }

    public ApiRoute GetRoute(AwsScope scope, string apiId, string routeId) =>
        Required(Find(scope, apiId).Routes, routeId, scope, apiId, "Route");

    public IReadOnlyList<ApiRoute> GetRoutes(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Routes.Values.OrderBy(r => r.RouteKey, StringComparer.Ordinal)];

    public ApiRoute UpdateRoute(AwsScope scope, string apiId, string routeId, ApiRoute input) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var route = Required(doc.Routes, routeId, scope, apiId, "Route");
            if (input.RouteKey is not null && input.RouteKey != route.RouteKey)
            {
                if (doc.Api.ProtocolType == "HTTP")
                {
                    RouteKeys.Validate(input.RouteKey);
                }
                if (doc.Routes.Values.Any(r => r.RouteKey == input.RouteKey))
                {
                    throw ApiGatewayErrors.Conflict($"Route key {input.RouteKey} already exists");
                }
                route.RouteKey = input.RouteKey;
            }
            route.ApiKeyRequired = input.ApiKeyRequired ?? route.ApiKeyRequired;
            route.AuthorizationScopes = input.AuthorizationScopes ?? route.AuthorizationScopes;
            route.AuthorizationType = input.AuthorizationType ?? route.AuthorizationType;
            route.AuthorizerId = input.AuthorizerId ?? route.AuthorizerId;
            route.OperationName = input.OperationName ?? route.OperationName;
            route.RequestParameters = input.RequestParameters ?? route.RequestParameters;
            route.Target = input.Target ?? route.Target;
            route.RouteResponseSelectionExpression = input.RouteResponseSelectionExpression ?? route.RouteResponseSelectionExpression;
            route.ModelSelectionExpression = input.ModelSelectionExpression ?? route.ModelSelectionExpression;
            route.RequestModels = input.RequestModels ?? route.RequestModels;
            if (route.AuthorizationType == "NONE")
            {
                route.AuthorizerId = null;
            }
            CheckRoute(scope, doc, route);
            return route;
        }, redeploy: true);

    public void DeleteRoute(AwsScope scope, string apiId, string routeId) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            Required(doc.Routes, routeId, scope, apiId, "Route");
            doc.RouteResponses.Remove(routeId);
            return doc.Routes.Remove(routeId);
        }, redeploy: true);

    public void DeleteRouteRequestParameter(AwsScope scope, string apiId, string routeId, string key) =>
        Mutate(scope, apiId, (doc, _) =>
        {
            var route = Required(doc.Routes, routeId, scope, apiId, "Route");
            if (route.RequestParameters?.Remove(key) != true)
            {
                throw ApiGatewayErrors.NotFound($"Invalid request parameter key specified {key}", "RequestParameter");
            }
            return true;
        }, redeploy: true);

    private static void CheckRoute(AwsScope scope, ApiDocument doc, ApiRoute route)
    {
        if (!AuthorizationTypes.Contains(route.AuthorizationType!))
        {
            throw ApiGatewayErrors.BadRequest($"Invalid authorization type specified: {route.AuthorizationType}");
        }
        ProtocolRules.CheckRoute(doc.Api, route);
        if (route.Target is not null)
        {
            var id = route.Target.StartsWith("integrations/", StringComparison.Ordinal) ? route.Target["integrations/".Length..] : null;
            if (id is null || !doc.Integrations.ContainsKey(id))
            {
                throw ApiGatewayErrors.BadRequest($"Invalid integration identifier specified {scope.AccountId}:{doc.Api.ApiId}:{route.Target}");
            }
        }
        if (route.AuthorizationType is "JWT" or "CUSTOM")
        {
            if (route.AuthorizerId is null || !doc.Authorizers.TryGetValue(route.AuthorizerId, out var authorizer))
            {
                throw ApiGatewayErrors.BadRequest($"Invalid authorizer identifier specified {scope.AccountId}:{doc.Api.ApiId}:{route.AuthorizerId}");
            }
            var expected = authorizer.AuthorizerType == "JWT" ? "JWT" : "CUSTOM";
            if (route.AuthorizationType != expected)
            {
                throw ApiGatewayErrors.BadRequest($"Authorization type {route.AuthorizationType} does not match the authorizer's type {authorizer.AuthorizerType}");
            }
        }
        if (route.AuthorizationScopes is { Count: > 0 } && route.AuthorizationType != "JWT")
        {
            throw ApiGatewayErrors.BadRequest("Authorization scopes are supported only for JWT authorizers");
        }
    }
}
