using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/event-source-mappings/{UUID}</c>.</summary>
internal static class GetEventSourceMappingOperation
{
    public static Task HandleAsync(LambdaCall call, EventSourceMappingService mappings) =>
        EventSourceMappingWire.WriteAsync(call, 200, mappings.Get(call.Scope, call.Label("UUID")));
}
