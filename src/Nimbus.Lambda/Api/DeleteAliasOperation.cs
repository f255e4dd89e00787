using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}</c> → 204.</summary>
internal static class DeleteAliasOperation
{
    public static Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        call.Service.DeleteAlias(call.Scope, name, call.Label("Name"));
        return call.WriteEmptyAsync(204);
    }
}
