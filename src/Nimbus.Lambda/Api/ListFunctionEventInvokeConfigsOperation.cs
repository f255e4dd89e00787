using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2019-09-25/functions/{FunctionName}/event-invoke-config/list</c> with <c>Marker</c> and <c>MaxItems</c> (1–50).</summary>
internal static class ListFunctionEventInvokeConfigsOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, _) = FunctionNameParser.Parse(call.Label("FunctionName"), null, allowQualifier: false);
        var maxItems = call.QueryInt("MaxItems", "maxItems", 50, 1, 50);
        var (page, next) = call.Service.ListEventInvokeConfigs(call.Scope, name, call.Query("Marker"), maxItems);
        var response = new ListFunctionEventInvokeConfigsResponseDto
        {
            FunctionEventInvokeConfigs = page.Select(c => EventInvokeConfigWire.ToDto(call.Scope, name, c.Qualifier, c.Config)).ToList(),
            NextMarker = next,
        };
        await call.WriteJsonAsync(200, response, LambdaJsonContext.Default.ListFunctionEventInvokeConfigsResponseDto);
    }
}
