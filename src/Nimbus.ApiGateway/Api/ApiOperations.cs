using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Api;

/// <summary>CreateApi, GetApi, GetApis, UpdateApi, DeleteApi, DeleteCorsConfiguration.</summary>
internal static class ApiOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static async Task CreateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiInput);
        await call.WriteJsonAsync(201, call.Service.CreateApi(call.Scope, input), Json.HttpApi);
    }

    public static Task GetAsync(ControlCall call) => call.WriteJsonAsync(200, call.Service.GetApi(call.Scope, call.ApiId), Json.HttpApi);

    public static Task ListAsync(ControlCall call) => call.WritePageAsync(call.Service.GetApis(call.Scope), Json.PageHttpApi);

    public static async Task UpdateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiInput);
        await call.WriteJsonAsync(200, call.Service.UpdateApi(call.Scope, call.ApiId, input), Json.HttpApi);
    }

    public static Task DeleteAsync(ControlCall call)
    {
        call.Service.DeleteApi(call.Scope, call.ApiId);
        return call.WriteEmptyAsync(204);
    }

    public static Task DeleteCorsAsync(ControlCall call)
    {
        call.Service.DeleteCorsConfiguration(call.Scope, call.ApiId);
        return call.WriteEmptyAsync(204);
    }
}
