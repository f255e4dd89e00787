namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2019-09-25/functions/{FunctionName}/event-invoke-config</c> → 204.</summary>
internal static class DeleteFunctionEventInvokeConfigOperation
{
    public static Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = EventInvokeConfigWire.Target(call);
        call.Service.DeleteEventInvokeConfig(call.Scope, name, qualifier);
        return call.WriteEmptyAsync(204);
    }
}
