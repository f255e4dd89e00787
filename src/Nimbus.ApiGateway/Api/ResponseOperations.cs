namespace Nimbus.ApiGateway.Api;

/// <summary>
/// WebSocket route responses and integration responses (Create/Get/List/Update/Delete of each), and
/// DeleteRouteRequestParameter.
/// </summary>
internal static class ResponseOperations
{
    private const string Routes = "/v2/apis/{apiId}/routes/{routeId}/routeresponses";
    private const string Integrations = "/v2/apis/{apiId}/integrations/{integrationId}/integrationresponses";

    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static void Register(Action<string, string, Func<ControlCall, Task>> add)
    {
        add("POST", Routes, async call => await call.WriteJsonAsync(201,
            call.Service.CreateRouteResponse(call.Scope, call.ApiId, call.Label("routeId"), await call.ReadJsonAsync(Json.RouteResponse)), Json.RouteResponse));
        add("GET", Routes, call => call.WritePageAsync(call.Service.GetRouteResponses(call.Scope, call.ApiId, call.Label("routeId")), Json.PageRouteResponse));
        add("GET", Routes + "/{routeResponseId}", call => call.WriteJsonAsync(200,
            call.Service.GetRouteResponse(call.Scope, call.ApiId, call.Label("routeId"), call.Label("routeResponseId")), Json.RouteResponse));
        add("PATCH", Routes + "/{routeResponseId}", async call => await call.WriteJsonAsync(200,
            call.Service.UpdateRouteResponse(call.Scope, call.ApiId, call.Label("routeId"), call.Label("routeResponseId"), await call.ReadJsonAsync(Json.RouteResponse)), Json.RouteResponse));
        add("DELETE", Routes + "/{routeResponseId}", call =>
        {
            call.Service.DeleteRouteResponse(call.Scope, call.ApiId, call.Label("routeId"), call.Label("routeResponseId"));
            return call.WriteEmptyAsync(204);
        });
        add("DELETE", "/v2/apis/{apiId}/routes/{routeId}/requestparameters/{requestParameterKey}", call =>
        {
            call.Service.DeleteRouteRequestParameter(call.Scope, call.ApiId, call.Label("routeId"), Uri.UnescapeDataString(call.Label("requestParameterKey")));
            return call.WriteEmptyAsync(204);
        });

        add("POST", Integrations, async call => await call.WriteJsonAsync(201,
            call.Service.CreateIntegrationResponse(call.Scope, call.ApiId, call.Label("integrationId"), await call.ReadJsonAsync(Json.IntegrationResponse)), Json.IntegrationResponse));
        add("GET", Integrations, call => call.WritePageAsync(call.Service.GetIntegrationResponses(call.Scope, call.ApiId, call.Label("integrationId")), Json.PageIntegrationResponse));
        add("GET", Integrations + "/{integrationResponseId}", call => call.WriteJsonAsync(200,
            call.Service.GetIntegrationResponse(call.Scope, call.ApiId, call.Label("integrationId"), call.Label("integrationResponseId")), Json.IntegrationResponse));
        add("PATCH", Integrations + "/{integrationResponseId}", async call => await call.WriteJsonAsync(200,
            call.Service.UpdateIntegrationResponse(call.Scope, call.ApiId, call.Label("integrationId"), call.Label("integrationResponseId"),
                await call.ReadJsonAsync(Json.IntegrationResponse)), Json.IntegrationResponse));
        add("DELETE", Integrations + "/{integrationResponseId}", call =>
        {
            call.Service.DeleteIntegrationResponse(call.Scope, call.ApiId, call.Label("integrationId"), call.Label("integrationResponseId"));
            return call.WriteEmptyAsync(204);
        });
    }
}
