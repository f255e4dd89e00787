using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2019-09-30/functions/{FunctionName}/concurrency</c>: <c>{}</c> when nothing is reserved.</summary>
internal static class GetFunctionConcurrencyOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var reserved = call.Service.GetFunctionConcurrency(call.Scope, name);
        await call.WriteJsonAsync(200, new ConcurrencyDto { ReservedConcurrentExecutions = reserved }, LambdaJsonContext.Default.ConcurrencyDto);
    }
}
