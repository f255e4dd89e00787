using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>GetResources, GetResource, CreateResource, UpdateResource, DeleteResource.</summary>
internal static class ResourceOperations
{
    private static RestJsonContext Json => RestJsonContext.Default;

    public static Task ListAsync(RestCall call)
    {
        var embed = Embeds(call);
        return call.WritePageAsync([.. call.Apis.GetResources(call.Scope, call.ApiId).Select(r => Shown(r, embed))], Json.RestPageRestResource);
    }

    public static Task GetAsync(RestCall call) =>
        call.WriteJsonAsync(200, Shown(call.Apis.GetResource(call.Scope, call.ApiId, call.ResourceId), Embeds(call)), Json.RestResource);

    public static async Task CreateAsync(RestCall call)
    {
        var input = await call.ReadJsonAsync(Json.RestResource);
        var resource = call.Apis.CreateResource(call.Scope, call.ApiId, call.Label("parent_id"), input.PathPart);
        await call.WriteJsonAsync(201, resource, Json.RestResource);
    }

    public static async Task UpdateAsync(RestCall call)
    {
        var patch = await call.ReadPatchAsync();
        await call.WriteJsonAsync(200, Shown(call.Apis.UpdateResource(call.Scope, call.ApiId, call.ResourceId, patch), embedMethods: false), Json.RestResource);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Apis.DeleteResource(call.Scope, call.ApiId, call.ResourceId);
        return call.WriteEmptyAsync(202);
    }

    /// <summary><c>embed=methods</c> asks for the methods in full; otherwise each method is named with an empty object, as AWS lists them.</summary>
    private static bool Embeds(RestCall call) =>
        call.Call.Request.Http.Request.Query["embed"].Any(v => v?.Split(',').Contains("methods") == true);

    private static RestResource Shown(RestResource resource, bool embedMethods) => embedMethods || resource.ResourceMethods is not { Count: > 0 } ? resource : new RestResource
    {
        Id = resource.Id,
        ParentId = resource.ParentId,
        PathPart = resource.PathPart,
        Path = resource.Path,
        ResourceMethods = resource.ResourceMethods.ToDictionary(m => m.Key, _ => new RestMethod()),
    };
}
