namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer, DeleteAuthorizer.</summary>
internal static class RestAuthorizerOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.RestAuthorizer);
        await call.WriteJsonAsync(201, call.Apis.CreateAuthorizer(call.Scope, call.ApiId, input), Json.RestAuthorizer);
    }

    public static Task GetAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Apis.GetAuthorizer(call.Scope, call.ApiId, call.Label("authorizer_id")), Json.RestAuthorizer);

    public static Task ListAsync(RestCall call) => call.WritePageAsync(call.Apis.GetAuthorizers(call.Scope, call.ApiId), Json.RestPageRestAuthorizer);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Apis.UpdateAuthorizer(call.Scope, call.ApiId, call.Label("authorizer_id"), patch), Json.RestAuthorizer);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteAuthorizer(call.Scope, call.ApiId, call.Label("authorizer_id"));
        return call.WriteEmptyAsync(202);
    }
}
