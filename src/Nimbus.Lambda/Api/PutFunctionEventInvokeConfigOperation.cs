namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2019-09-25/functions/{FunctionName}/event-invoke-config</c>: replaces the qualifier's whole configuration.</summary>
internal static class PutFunctionEventInvokeConfigOperation
{
    public static Task HandleAsync(LambdaCall call) => EventInvokeConfigWire.PutAsync(call, merge: false);
}
