using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class ListRulesOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var page = service.ListRules(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.String("NamePrefix", 64, 1, Names.Rule()),
            request.String("NextToken", 2048, 1), request.Int("Limit", 1, 100));
        response.WriteStartArray("Rules");
        foreach (var rule in page.Items)
        {
            response.WriteStartObject();
            EventsWriters.RuleMembers(response, rule);
            response.WriteEndObject();
        }
        response.WriteEndArray();
        EventsWriters.WriteIf(response, "NextToken", page.NextToken);
    }
}
