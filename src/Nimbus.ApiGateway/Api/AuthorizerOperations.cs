namespace Nimbus.ApiGateway.Api;

/// <summary>CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer, DeleteAuthorizer.</summary>
internal static class AuthorizerOperations
{
    private static ApiGatewayJsonContext Json => ApiGatewayJsonContext.Default;

    public static async Task CreateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiAuthorizer);
        await call.WriteJsonAsync(201, call.Service.CreateAuthorizer(call.Scope, call.ApiId, input), Json.ApiAuthorizer);
    }

    public static Task GetAsync(ControlCall call) =>
        call.WriteJsonAsync(200, call.Service.GetAuthorizer(call.Scope, call.ApiId, call.Label("authorizerId")), Json.ApiAuthorizer);

    public static Task ListAsync(ControlCall call) => call.WritePageAsync(call.Service.GetAuthorizers(call.Scope, call.ApiId), Json.PageApiAuthorizer);

    public static async Task UpdateAsync(ControlCall call)
    {
        var input = await call.ReadJsonAsync(Json.ApiAuthorizer);
        await call.WriteJsonAsync(200, call.Service.UpdateAuthorizer(call.Scope, call.ApiId, call.Label("authorizerId"), input), Json.ApiAuthorizer);
    }

    public static Task DeleteAsync(ControlCall call)
    {
        call.Service.DeleteAuthorizer(call.Scope, call.ApiId, call.Label("authorizerId"));
        return call.WriteEmptyAsync(204);
    }
}
