using Nimbus.Lambda.Api.Dto;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2017-03-31/tags/{Resource}</c>.</summary>
internal static class ListTagsOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var tags = call.Service.ListTags(call.Scope, call.Label("Resource"));
        await call.WriteJsonAsync(200, new TagsDto { Tags = tags }, LambdaJsonContext.Default.TagsDto);
    }
}
