using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2015-03-31/event-source-mappings</c> → 202 with the mapping in state <c>Creating</c>.</summary>
internal static class CreateEventSourceMappingOperation
{
    public static async Task HandleAsync(LambdaCall call, EventSourceMappingService mappings)
    {
        var input = await EventSourceMappingWire.ReadInputAsync(call);
        await EventSourceMappingWire.WriteAsync(call, 202, mappings.Create(call.Scope, input));
    }
}
