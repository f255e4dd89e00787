namespace Nimbus.ApiGateway.Api;

/// <summary>CreateIntegration, GetIntegration, GetIntegrations, UpdateIntegration, DeleteIntegration.</summary>
internal static class IntegrationOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static async Task CreateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiIntegration);
        await call.WriteJsonAsync(201, call.Service.CreateIntegration(call.Scope, call.ApiId, input), Json.ApiIntegration);
    }

    public static Task GetAsync(ControlCall call) =>
        call.WriteJsonAsync(200, call.Service.GetIntegration(call.Scope, call.ApiId, call.Label("integrationId")), Json.ApiIntegration);

    public static Task ListAsync(ControlCall call) => call.WritePageAsync(call.Service.GetIntegrations(call.Scope, call.ApiId), Json.PageApiIntegration);

    public static async Task UpdateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiIntegration);
        await call.WriteJsonAsync(200, call.Service.UpdateIntegration(call.Scope, call.ApiId, call.Label("integrationId"), input), Json.ApiIntegration);
    }

    public static Task DeleteAsync(ControlCall call)
    {
        call.Service.DeleteIntegration(call.Scope, call.ApiId, call.Label("integrationId"));
        return call.WriteEmptyAsync(204);
    }
}
