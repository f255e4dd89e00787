using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class UntagResourceOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        service.Tag(scope, request.Required("ResourceARN", 1600), null, request.Strings("TagKeys") ?? throw EventsErrors.Constraint(null, "tagKeys", "Member must not be null"));
}
