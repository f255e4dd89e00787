using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi.</summary>
internal static class RestApiOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.RestApi);
        await call.WriteJsonAsync(201, call.Apis.CreateRestApi(call.Scope, input), Json.RestApi);
    }

    public static Task GetAsync(RestCall call) => call.WriteJsonAsync(200, call.Apis.GetRestApi(call.Scope, call.ApiId), Json.RestApi);

    public static Task ListAsync(RestCall call) => call.WritePageAsync(call.Apis.GetRestApis(call.Scope), Json.RestPageRestApi);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Apis.UpdateRestApi(call.Scope, call.ApiId, patch), Json.RestApi);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteRestApi(call.Scope, call.ApiId);
        return call.WriteEmptyAsync(202);
    }
}
