using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class PutRuleOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var arn = service.PutRule(scope,
            request.String("EventBusName", 1600, 1, Names.BusOrArn()) ?? EventsService.DefaultBus,
            request.Required("Name", 64, 1, Names.Rule()),
            request.String("ScheduleExpression", 256),
            request.String("EventPattern", 4096),
            request.String("State"),
            request.String("Description", 512),
            request.String("RoleArn", 1600, 1),
            request.Tags());
        response.WriteString("RuleArn", arn);
    }
}
