using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>CreateStage, GetStage, GetStages, UpdateStage, DeleteStage, FlushStageAuthorizersCache.</summary>
internal static class RestStageOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.RestStage);
        await call.WriteJsonAsync(201, call.Apis.CreateStage(call.Scope, call.ApiId, input), Json.RestStage);
    }

    public static Task GetAsync(RestCall call) => call.WriteJsonAsync(200, call.Apis.GetStage(call.Scope, call.ApiId, call.Label("stage_name")), Json.RestStage);

    /// <summary>GetStages is not paginated: the answer is <c>{"item": [...]}</c>.</summary>
    public static Task ListAsync(RestCall call) =>
        call.WriteJsonAsync(200, new RestPage<RestStage> { Items = [.. call.Apis.GetStages(call.Scope, call.ApiId, call.Query("deploymentId"))] }, Json.RestPageRestStage);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Apis.UpdateStage(call.Scope, call.ApiId, call.Label("stage_name"), patch), Json.RestStage);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteStage(call.Scope, call.ApiId, call.Label("stage_name"));
        return call.WriteEmptyAsync(202);
    }

    public static Task FlushAuthorizersCacheAsync(RestCall call)
    {
        call.Apis.FlushStageAuthorizersCache(call.Scope, call.ApiId, call.Label("stage_name"));
        return call.WriteEmptyAsync(202);
    }
}
