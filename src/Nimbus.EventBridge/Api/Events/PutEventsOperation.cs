using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class PutEventsOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var entries = request.Objects("Entries") ?? throw EventsErrors.Constraint(null, "entries", "Member must not be null");
        var results = service.PutEvents(scope, entries.Select(e => new PutEventsEntry(
            e.Timestamp("Time"), e.String("Source"), e.Strings("Resources"), e.String("DetailType"), e.String("Detail"), e.String("EventBusName"))).ToList());
        response.WriteNumber("FailedEntryCount", results.Count(r => r.ErrorCode is not null));
        response.WriteStartArray("Entries");
        foreach (var result in results)
        {
            response.WriteStartObject();
            EventsWriters.WriteIf(response, "EventId", result.EventId);
            EventsWriters.WriteIf(response, "ErrorCode", result.ErrorCode);
            EventsWriters.WriteIf(response, "ErrorMessage", result.ErrorMessage);
            response.WriteEndObject();
        }
        response.WriteEndArray();
    }
}
