using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class DescribeEventBusOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        EventsWriters.Bus(response, service.DescribeBus(scope, request.String("Name", 1600, 1, Names.BusOrArn())));
}
