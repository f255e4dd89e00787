using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/aliases/{Name}</c>.</summary>
internal static class GetAliasOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var alias = call.Service.GetAlias(call.Scope, name, call.Label("Name"));
        await call.WriteJsonAsync(200, Mappers.ToDto(call.Scope, name, alias), LambdaJsonContext.Default.AliasConfigurationDto);
    }
}
