using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class DeleteEventBusOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        service.DeleteBus(scope, request.Required("Name", 256, 1, Names.Bus()));
}
