using Nimbus.Lambda.Api.Dto;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2019-09-25/functions/{FunctionName}/event-invoke-config</c>.</summary>
internal static class GetFunctionEventInvokeConfigOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = EventInvokeConfigWire.Target(call);
        var config = call.Service.GetEventInvokeConfig(call.Scope, name, qualifier);
        await call.WriteJsonAsync(200, EventInvokeConfigWire.ToDto(call.Scope, name, qualifier ?? "$LATEST", config),
            LambdaJsonContext.Default.FunctionEventInvokeConfigDto);
    }
}
