namespace Nimbus.ApiGateway.Api;

/// <summary>CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment.</summary>
internal static class DeploymentOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static async Task CreateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.DeploymentInput);
        await call.WriteJsonAsync(201, call.Service.CreateDeployment(call.Scope, call.ApiId, input.Description, input.StageName), Json.ApiDeployment);
    }

    public static Task GetAsync(ControlCall call) =>
        call.WriteJsonAsync(200, call.Service.GetDeployment(call.Scope, call.ApiId, call.Label("deploymentId")), Json.ApiDeployment);

    public static Task ListAsync(ControlCall call) => call.WritePageAsync(call.Service.GetDeployments(call.Scope, call.ApiId), Json.PageApiDeployment);

    public static async Task UpdateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.DeploymentInput);
        await call.WriteJsonAsync(200, call.Service.UpdateDeployment(call.Scope, call.ApiId, call.Label("deploymentId"), input.Description), Json.ApiDeployment);
    }

    public static Task DeleteAsync(ControlCall call)
    {
        call.Service.DeleteDeployment(call.Scope, call.ApiId, call.Label("deploymentId"));
        return call.WriteEmptyAsync(204);
    }
}
