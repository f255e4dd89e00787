using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2015-03-31/functions/{FunctionName}/versions</c> → 201 with the version's configuration.</summary>
internal static class PublishVersionOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.PublishVersionRequestDto);
        var version = call.Service.PublishVersion(call.Scope, name, dto.CodeSha256, dto.Description, dto.RevisionId);
        await call.WriteJsonAsync(201, Mappers.ToDto(call.Scope, version), LambdaJsonContext.Default.FunctionConfigurationDto);
    }
}
