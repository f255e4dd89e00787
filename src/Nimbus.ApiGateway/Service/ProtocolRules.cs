using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Service;

/// <summary>
/// What AWS accepts on one protocol and refuses on the other: WebSocket-only members (route response selection,
/// models, API keys per route, MOCK integrations) on HTTP APIs and HTTP-only ones (JWT, payload format 2.0) on
/// WebSocket APIs, WebSocket route keys, and authorization only on a WebSocket API's <c>$connect</c> route.
/// </summary>
internal static class ProtocolRules
{
    public const string Connect = "$connect";
    public const string Disconnect = "$disconnect";

    public static void CheckApi(string protocolType, string? routeSelectionExpression, string? apiKeySelectionExpression)
    {
        if (protocolType == "HTTP" && routeSelectionExpression is not (null or "$request.method $request.path" or "${request.method} ${request.path}"))
        {
            throw ApiGatewayErrors.BadRequest("Unsupported route selection expression for HTTP API: " + routeSelectionExpression);
        }
        if (protocolType == "WEBSOCKET" && routeSelectionExpression is not null && !routeSelectionExpression.StartsWith("$request.body.", StringComparison.Ordinal)
            && !routeSelectionExpression.StartsWith("${request.body.", StringComparison.Ordinal) && routeSelectionExpression != "$default")
        {
            throw ApiGatewayErrors.BadRequest("Invalid route selection expression specified: " + routeSelectionExpression);
        }
        if (apiKeySelectionExpression is not (null or "$request.header.x-api-key" or "$context.authorizer.usageIdentifierKey"))
        {
            throw ApiGatewayErrors.BadRequest("Invalid API key selection expression specified: " + apiKeySelectionExpression);
        }
    }

    public static void CheckRoute(HttpApi api, ApiRoute route)
    {
        if (api.ProtocolType == "HTTP")
        {
            if (route.RouteResponseSelectionExpression is not null || route.ModelSelectionExpression is not null || route.RequestModels is { Count: > 0 })
            {
                throw ApiGatewayErrors.BadRequest("RouteResponseSelectionExpression, ModelSelectionExpression and RequestModels are supported only for WebSocket APIs");
            }
            if (route.ApiKeyRequired == true)
            {
                throw ApiGatewayErrors.BadRequest("API keys are supported only for WebSocket APIs");
            }
            return;
        }
        var key = route.RouteKey!;
        if (key.Length == 0 || key.Length > 128 || (key.StartsWith('$') && key is not (Connect or Disconnect or RouteKeys.Default)))
        {
            throw ApiGatewayErrors.BadRequest($"Unable to create route {key}: route keys that start with $ must be $connect, $disconnect or $default.");
        }
        if (route.AuthorizationType == "JWT")
        {
            throw ApiGatewayErrors.BadRequest("JWT authorizers are supported only for HTTP APIs");
        }
        if (route.AuthorizationType is not (null or "NONE") && key != Connect)
        {
            throw ApiGatewayErrors.BadRequest("Currently, authorization is restricted to the $connect route only");
        }
        if (route.RouteResponseSelectionExpression is not (null or "$default"))
        {
            throw ApiGatewayErrors.BadRequest("Only $default is supported as a RouteResponseSelectionExpression");
        }
    }

    public static void CheckIntegration(HttpApi api, ApiIntegration integration)
    {
        if (api.ProtocolType == "WEBSOCKET")
        {
            if (integration.PayloadFormatVersion is not (null or "1.0"))
            {
                throw ApiGatewayErrors.BadRequest("Payload format version 2.0 is supported only for HTTP APIs");
            }
            // WebSocket integrations time out at 29 s (HTTP APIs: 30 s).
            if (integration.TimeoutInMillis is > 29000)
            {
                throw ApiGatewayErrors.BadRequest("Invalid timeout specified: TimeoutInMillis must be between 50 and 29000");
            }
            integration.TimeoutInMillis ??= 29000;
            if (integration.IntegrationType is "AWS_PROXY" or "HTTP_PROXY")
            {
                integration.PayloadFormatVersion ??= "1.0";
            }
        }
        if (api.ProtocolType == "HTTP" && (integration.IntegrationResponseSelectionExpression is not null || integration.TemplateSelectionExpression is not null
            || integration.RequestTemplates is { Count: > 0 } || integration.ContentHandlingStrategy is not null || integration.PassthroughBehavior is not null))
        {
            throw ApiGatewayErrors.BadRequest("Templates, content handling and integration response selection are supported only for WebSocket APIs");
        }
    }
}
