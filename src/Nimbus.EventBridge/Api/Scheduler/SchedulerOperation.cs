using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Scheduler;

/// <summary>One Scheduler operation: reads labels, query and body; writes the response body's members.</summary>
internal delegate void SchedulerOperation(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response);
