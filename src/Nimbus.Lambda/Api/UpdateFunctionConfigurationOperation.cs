using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2015-03-31/functions/{FunctionName}/configuration</c> → LastUpdateStatus InProgress, then Successful.</summary>
internal static class UpdateFunctionConfigurationOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.UpdateFunctionConfigurationRequestDto);
        var latest = call.Service.UpdateConfiguration(call.Scope, name, Mappers.ToSettings(dto) with { RevisionId = dto.RevisionId });
        await call.WriteJsonAsync(200, Mappers.ToDto(call.Scope, latest), LambdaJsonContext.Default.FunctionConfigurationDto);
    }
}
