using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2024-08-31/functions/{FunctionName}/recursion-config</c>: <c>Terminate</c> unless set to <c>Allow</c>.</summary>
internal static class GetFunctionRecursionConfigOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var loop = call.Service.GetFunctionRecursionConfig(call.Scope, name);
        await call.WriteJsonAsync(200, new RecursionConfigDto { RecursiveLoop = loop }, LambdaJsonContext.Default.RecursionConfigDto);
    }
}
