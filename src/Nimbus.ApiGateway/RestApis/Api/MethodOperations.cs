namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>PutMethod, GetMethod, UpdateMethod, DeleteMethod and the method responses.</summary>
internal static class MethodOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task PutAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.RestMethod);
        await call.WriteJsonAsync(201, call.Apis.PutMethod(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, input), Json.RestMethod);
    }

    public static Task GetAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Apis.GetMethod(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod), Json.RestMethod);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Apis.UpdateMethod(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, patch), Json.RestMethod);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteMethod(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod);
        return call.WriteEmptyAsync(204);
    }

    public static async Task PutResponseAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.MethodResponse);
        await call.WriteJsonAsync(201, call.Apis.PutMethodResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode, input), Json.MethodResponse);
    }

    public static Task GetResponseAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Apis.GetMethodResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode), Json.MethodResponse);

    public static async Task UpdateResponseAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        // UpdateMethodResponse answers 201 in the model.
        await call.WriteJsonAsync(201, call.Apis.UpdateMethodResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode, patch), Json.MethodResponse);
    }

    public static Task DeleteResponseAsync(RestCall call)
    {
        call.Apis.DeleteMethodResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode);
        return call.WriteEmptyAsync(204);
    }
}
