namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment.</summary>
internal static class RestDeploymentOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.CreateDeploymentInput);
        await call.WriteJsonAsync(201, call.Apis.CreateDeployment(call.Scope, call.ApiId, input), Json.RestDeployment);
    }

    public static Task GetAsync(RestCall call)
    {
        var summary = call.Call.Request.Http.Request.Query["embed"].Any(v => v?.Split(',').Contains("apisummary") == true);
        return call.WriteJsonAsync(200, call.Apis.GetDeployment(call.Scope, call.ApiId, call.Label("deployment_id"), summary), Json.RestDeployment);
    }

    public static Task ListAsync(RestCall call) => call.WritePageAsync(call.Apis.GetDeployments(call.Scope, call.ApiId), Json.RestPageRestDeployment);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Apis.UpdateDeployment(call.Scope, call.ApiId, call.Label("deployment_id"), patch), Json.RestDeployment);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteDeployment(call.Scope, call.ApiId, call.Label("deployment_id"));
        return call.WriteEmptyAsync(202);
    }
}
