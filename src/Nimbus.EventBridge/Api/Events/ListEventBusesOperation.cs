using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class ListEventBusesOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var page = service.ListBuses(scope, request.String("NamePrefix", 256, 1, Names.Bus()), request.String("NextToken", 2048, 1), request.Int("Limit", 1, 100));
        response.WriteStartArray("EventBuses");
        foreach (var bus in page.Items)
        {
            response.WriteStartObject();
            EventsWriters.Bus(response, bus);
            response.WriteEndObject();
        }
        response.WriteEndArray();
        EventsWriters.WriteIf(response, "NextToken", page.NextToken);
    }
}
