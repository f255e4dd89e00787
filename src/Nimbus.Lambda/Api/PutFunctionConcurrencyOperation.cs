using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2017-10-31/functions/{FunctionName}/concurrency</c>.</summary>
internal static class PutFunctionConcurrencyOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.ConcurrencyDto);
        if (dto.ReservedConcurrentExecutions is not int reserved)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(null, "reservedConcurrentExecutions", "not be null")]);
        }
        var stored = call.Service.PutFunctionConcurrency(call.Scope, name, reserved);
        await call.WriteJsonAsync(200, new ConcurrencyDto { ReservedConcurrentExecutions = stored }, LambdaJsonContext.Default.ConcurrencyDto);
    }
}
