using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

/// <summary>One EventBridge operation: reads its request members, calls the service, writes the response members.</summary>
internal delegate void EventsOperation(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response);
