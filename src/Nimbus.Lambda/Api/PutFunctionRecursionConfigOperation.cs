using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2024-08-31/functions/{FunctionName}/recursion-config</c>: <c>Allow</c> or <c>Terminate</c>.</summary>
internal static class PutFunctionRecursionConfigOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.RecursionConfigDto);
        var stored = call.Service.PutFunctionRecursionConfig(call.Scope, name, dto.RecursiveLoop);
        await call.WriteJsonAsync(200, new RecursionConfigDto { RecursiveLoop = stored }, LambdaJsonContext.Default.RecursionConfigDto);
    }
}
