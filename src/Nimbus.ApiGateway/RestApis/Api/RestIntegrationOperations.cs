namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration and the integration responses.</summary>
internal static class RestIntegrationOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task PutAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.RestIntegration);
        await call.WriteJsonAsync(201, call.Apis.PutIntegration(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, input), Json.RestIntegration);
    }

    public static Task GetAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Apis.GetIntegration(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod), Json.RestIntegration);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Apis.UpdateIntegration(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, patch), Json.RestIntegration);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteIntegration(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod);
        return call.WriteEmptyAsync(204);
    }

    public static async Task PutResponseAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.IntegrationResponse);
        await call.WriteJsonAsync(201,
            call.Apis.PutIntegrationResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode, input), Json.IntegrationResponse);
    }

    public static Task GetResponseAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Apis.GetIntegrationResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode), Json.IntegrationResponse);

    public static async Task UpdateResponseAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200,
            call.Apis.UpdateIntegrationResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode, patch), Json.IntegrationResponse);
    }

    public static Task DeleteResponseAsync(RestCall call)
    {
        call.Apis.DeleteIntegrationResponse(call.Scope, call.ApiId, call.ResourceId, call.HttpMethod, call.StatusCode);
        return call.WriteEmptyAsync(204);
    }
}
