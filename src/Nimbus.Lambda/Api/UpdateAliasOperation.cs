using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}</c>.</summary>
internal static class UpdateAliasOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.AliasRequestDto);
        var weights = dto.RoutingConfig is null ? null : dto.RoutingConfig.AdditionalVersionWeights ?? [];
        var alias = call.Service.UpdateAlias(call.Scope, name, call.Label("Name"), dto.FunctionVersion, dto.Description, weights, dto.RevisionId);
        await call.WriteJsonAsync(200, Mappers.ToDto(call.Scope, name, alias), LambdaJsonContext.Default.AliasConfigurationDto);
    }
}
