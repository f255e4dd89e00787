using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2017-10-31/functions/{FunctionName}/concurrency</c> → 204.</summary>
internal static class DeleteFunctionConcurrencyOperation
{
    public static Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        call.Service.DeleteFunctionConcurrency(call.Scope, name);
        return call.WriteEmptyAsync(204);
    }
}
