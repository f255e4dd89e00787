namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>CreateApiKey, GetApiKey, GetApiKeys, UpdateApiKey, DeleteApiKey.</summary>
internal static class ApiKeyOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.CreateApiKeyInput);
        await call.WriteJsonAsync(201, call.Plans.CreateApiKey(call.Scope, input), Json.ApiKey);
    }

    public static Task GetAsync(RestCall call) =>
        call.WriteJsonAsync(200, call.Plans.GetApiKey(call.Scope, call.Label("api_Key"), call.QueryFlag("includeValue")), Json.ApiKey);

    public static Task ListAsync(RestCall call) =>
        call.WritePageAsync(call.Plans.GetApiKeys(call.Scope, call.Query("name"), call.Query("customerId"), call.QueryFlag("includeValues")), Json.RestPageApiKey);

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, call.Plans.UpdateApiKey(call.Scope, call.Label("api_Key"), patch), Json.ApiKey);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Plans.DeleteApiKey(call.Scope, call.Label("api_Key"));
        return call.WriteEmptyAsync(202);
    }
}
