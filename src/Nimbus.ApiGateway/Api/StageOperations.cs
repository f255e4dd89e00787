namespace Nimbus.ApiGateway.Api;

/// <summary>CreateStage, GetStage, GetStages, UpdateStage, DeleteStage, DeleteRouteSettings, DeleteAccessLogSettings, ResetAuthorizersCache.</summary>
internal static class StageOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static async Task CreateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiStage);
        await call.WriteJsonAsync(201, call.Service.CreateStage(call.Scope, call.ApiId, input), Json.ApiStage);
    }

    public static Task GetAsync(ControlCall call) =>
        call.WriteJsonAsync(200, call.Service.GetStage(call.Scope, call.ApiId, call.Label("stageName")), Json.ApiStage);

    public static Task ListAsync(ControlCall call) => call.WritePageAsync(call.Service.GetStages(call.Scope, call.ApiId), Json.PageApiStage);

    public static async Task UpdateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiStage);
        await call.WriteJsonAsync(200, call.Service.UpdateStage(call.Scope, call.ApiId, call.Label("stageName"), input), Json.ApiStage);
    }

    public static Task DeleteAsync(ControlCall call)
    {
        call.Service.DeleteStage(call.Scope, call.ApiId, call.Label("stageName"));
        return call.WriteEmptyAsync(204);
    }

    public static Task DeleteRouteSettingsAsync(ControlCall call)
    {
        call.Service.DeleteRouteSettings(call.Scope, call.ApiId, call.Label("stageName"), call.Label("routeKey"));
        return call.WriteEmptyAsync(204);
    }

    public static Task DeleteAccessLogSettingsAsync(ControlCall call)
    {
        call.Service.DeleteAccessLogSettings(call.Scope, call.ApiId, call.Label("stageName"));
        return call.WriteEmptyAsync(204);
    }

    public static Task ResetAuthorizersCacheAsync(ControlCall call)
    {
        call.Service.ResetAuthorizersCache(call.Scope, call.ApiId, call.Label("stageName"));
        return call.WriteEmptyAsync(204);
    }
}
