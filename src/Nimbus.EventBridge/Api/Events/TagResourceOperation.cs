using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class TagResourceOperation
{
    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response) =>
        service.Tag(scope, request.Required("ResourceARN", 1600), request.Tags() ?? throw EventsErrors.Constraint(null, "tags", "Member must not be null"), null);
}
