using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class ListRuleNamesByTargetOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var names = service.ListRuleNamesByTarget(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.Required("TargetArn", 1600),
            request.String("NextToken", 2048, 1), request.Int("Limit", 1, 100), out var next);
        response.WriteStartArray("RuleNames");
        foreach (var name in names)
        {
            response.WriteStringValue(name);
        }
        response.WriteEndArray();
        EventsWriters.WriteIf(response, "NextToken", next);
    }
}
