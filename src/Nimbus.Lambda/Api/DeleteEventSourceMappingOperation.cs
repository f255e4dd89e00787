using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2015-03-31/event-source-mappings/{UUID}</c> → 202 with the mapping in state <c>Deleting</c>.</summary>
internal static class DeleteEventSourceMappingOperation
{
    public static Task HandleAsync(LambdaCall call, EventSourceMappingService mappings) =>
        EventSourceMappingWire.WriteAsync(call, 202, mappings.Delete(call.Scope, call.Label("UUID")));
}
