using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class ListTagsForResourceOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        EventsWriters.Tags(response, service.ListTags(scope, request.Required("ResourceARN", 1600)));
}
