using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/configuration</c>.</summary>
internal static class GetFunctionConfigurationOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        var version = call.Service.ResolveVersion(call.Service.Get(call.Scope, name, qualifier), qualifier);
        await call.WriteJsonAsync(200, Mappers.ToDto(call.Scope, version.Config), LambdaJsonContext.Default.FunctionConfigurationDto);
    }
}
