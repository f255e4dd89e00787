using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class DeleteRuleOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        service.DeleteRule(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.Required("Name", 64, 1, Names.Rule()), request.Bool("Force") ?? false);
}
