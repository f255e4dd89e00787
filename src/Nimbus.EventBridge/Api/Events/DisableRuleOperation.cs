using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class DisableRuleOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        service.SetRuleState(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.Required("Name", 64, 1, Names.Rule()), enabled: false);
}
