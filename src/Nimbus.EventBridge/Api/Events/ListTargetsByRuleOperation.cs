using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class ListTargetsByRuleOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var page = service.ListTargets(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.Required("Rule", 64, 1, Names.Rule()),
            request.String("NextToken", 2048, 1), request.Int("Limit", 1, 100));
        response.WriteStartArray("Targets");
        foreach (var target in page.Items)
        {
            EventsWriters.Target(response, target);
        }
        response.WriteEndArray();
        EventsWriters.WriteIf(response, "NextToken", page.NextToken);
    }
}
