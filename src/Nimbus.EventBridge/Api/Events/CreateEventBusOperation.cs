using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class CreateEventBusOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var bus = service.CreateBus(scope, request.Required("Name", 256, 1, Names.Bus()), request.String("Description", 512),
            request.String("KmsKeyIdentifier", 2048), request.Object("DeadLetterConfig")?.String("Arn", 1600, 1), request.Tags());
        response.WriteString("EventBusArn", bus.Arn);
        EventsWriters.WriteIf(response, "Description", bus.Description);
        EventsWriters.WriteIf(response, "KmsKeyIdentifier", bus.KmsKeyIdentifier);
    }
}
