using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2015-03-31/functions/{FunctionName}</c>; with <c>Qualifier</c> deletes one version.</summary>
internal static class DeleteFunctionOperation
{
    public static Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        call.Service.DeleteFunction(call.Scope, name, qualifier);
        return call.WriteEmptyAsync(204);
    }
}
