namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2019-09-25/functions/{FunctionName}/event-invoke-config</c>: changes only the members given; the configuration must exist.</summary>
internal static class UpdateFunctionEventInvokeConfigOperation
{
    public static Task HandleAsync(LambdaCall call) => EventInvokeConfigWire.PutAsync(call, merge: true);
}
