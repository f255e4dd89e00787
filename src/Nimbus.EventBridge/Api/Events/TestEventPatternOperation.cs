using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class TestEventPatternOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        response.WriteBoolean("Result", service.TestEventPattern(request.Required("EventPattern", 4096), request.Required("Event")));
}
