using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2017-03-31/tags/{Resource}</c> → 204.</summary>
internal static class TagResourceOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.TagsDto);
        if (dto.Tags is null)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(null, "tags", "not be null")]);
        }
        call.Service.TagResource(call.Scope, call.Label("Resource"), dto.Tags);
        await call.WriteEmptyAsync(204);
    }
}
