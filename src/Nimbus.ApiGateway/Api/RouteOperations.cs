namespace Nimbus.ApiGateway.Api;

/// <summary>CreateRoute, GetRoute, GetRoutes, UpdateRoute, DeleteRoute.</summary>
internal static class RouteOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static async Task CreateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiRoute);
        await call.WriteJsonAsync(201, call.Service.CreateRoute(call.Scope, call.ApiId, input), Json.ApiRoute);
    }

    public static Task GetAsync(ControlCall call) =>
        call.WriteJsonAsync(200, call.Service.GetRoute(call.Scope, call.ApiId, call.Label("routeId")), Json.ApiRoute);

    public static Task ListAsync(ControlCall call) => call.WritePageAsync(call.Service.GetRoutes(call.Scope, call.ApiId), Json.PageApiRoute);

    public static async Task UpdateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiRoute);
        await call.WriteJsonAsync(200, call.Service.UpdateRoute(call.Scope, call.ApiId, call.Label("routeId"), input), Json.ApiRoute);
    }

    public static Task DeleteAsync(ControlCall call)
    {
        call.Service.DeleteRoute(call.Scope, call.ApiId, call.Label("routeId"));
        return call.WriteEmptyAsync(204);
    }
}
