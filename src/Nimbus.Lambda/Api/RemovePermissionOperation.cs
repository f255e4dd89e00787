using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2015-03-31/functions/{FunctionName}/policy/{StatementId}</c> → 204.</summary>
internal static class RemovePermissionOperation
{
    public static Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        call.Service.RemovePermission(call.Scope, name, qualifier, call.Label("StatementId"), call.Query("RevisionId"));
        return call.WriteEmptyAsync(204);
    }
}
