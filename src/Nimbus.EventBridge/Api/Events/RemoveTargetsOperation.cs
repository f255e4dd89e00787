using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class RemoveTargetsOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var ids = request.Strings("Ids") ?? throw EventsErrors.Constraint(null, "ids", "Member must not be null");
        if (ids.Count is < 1 or > 100)
        {
            throw EventsErrors.Constraint($"[{ids.Count} ids]", "ids", "Member must have length less than or equal to 100");
        }
        var failed = service.RemoveTargets(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.Required("Rule", 64, 1, Names.Rule()), ids);
        EventsWriters.FailedEntries(response, failed);
    }
}
