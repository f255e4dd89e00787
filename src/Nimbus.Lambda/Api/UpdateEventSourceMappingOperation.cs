using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Api;

/// <summary><c>PUT /2015-03-31/event-source-mappings/{UUID}</c> → 202 with the mapping in state <c>Updating</c>/<c>Enabling</c>/<c>Disabling</c>.</summary>
internal static class UpdateEventSourceMappingOperation
{
    public static async Task HandleAsync(LambdaCall call, EventSourceMappingService mappings)
    {
        var input = await EventSourceMappingWire.ReadInputAsync(call);
        await EventSourceMappingWire.WriteAsync(call, 202, mappings.Update(call.Scope, call.Label("UUID"), input));
    }
}
