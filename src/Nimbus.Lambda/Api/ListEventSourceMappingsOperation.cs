using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/event-source-mappings</c> filtered by <c>EventSourceArn</c> and/or <c>FunctionName</c>, paged by <c>Marker</c>/<c>MaxItems</c> (1–10,000, default 100).</summary>
internal static class ListEventSourceMappingsOperation
{
    public static async Task HandleAsync(LambdaCall call, EventSourceMappingService mappings)
    {
        var maxItems = call.QueryInt("MaxItems", "maxItems", 100, 1, 10000);
        var (page, next) = mappings.List(call.Scope, call.Query("EventSourceArn"), call.Query("FunctionName"), call.Query("Marker"), maxItems);
        var response = new ListEventSourceMappingsResponseDto { EventSourceMappings = page.Select(EventSourceMappingWire.ToDto).ToList(), NextMarker = next };
        await call.WriteJsonAsync(200, response, EventSourceJsonContext.Default.ListEventSourceMappingsResponseDto);
    }
}
