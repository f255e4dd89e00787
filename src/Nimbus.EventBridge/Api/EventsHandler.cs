using System.Text.Json;
using Nimbus.EventBridge.Api.Events;
using Nimbus.EventBridge.Service;
using Nimbus.Protocol;

namespace Nimbus.EventBridge.Api;

/// <summary>
/// EventBridge on the edge endpoint: awsJson 1.1, <c>X-Amz-Target: AWSEvents.&lt;Operation&gt;</c>, signing name
/// <c>events</c>. Operations of the model Nimbus does not implement answer a clean error naming themselves.
/// </summary>
internal sealed class EventsHandler : IAwsServiceHandler
{
    private const string TargetPrefix = "AWSEvents";

    /// <summary>Far above PutEvents' 256 KB of entries even when every character is JSON-escaped.</summary>
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly string[] NotImplemented =
    [
        "ActivateEventSource", "CancelReplay", "CreateApiDestination", "CreateArchive", "CreateConnection", "CreateEndpoint",
        "CreatePartnerEventSource", "DeactivateEventSource", "DeauthorizeConnection", "DeleteApiDestination", "DeleteArchive",
        "DeleteConnection", "DeleteEndpoint", "DeletePartnerEventSource", "DescribeApiDestination", "DescribeArchive",
        "DescribeConnection", "DescribeEndpoint", "DescribeEventSource", "DescribePartnerEventSource", "DescribeReplay",
        "ListApiDestinations", "ListArchives", "ListConnections", "ListEndpoints", "ListEventSources", "ListPartnerEventSourceAccounts",
        "ListPartnerEventSources", "ListReplays", "PutPartnerEvents", "PutPermission", "RemovePermission", "StartReplay",
        "UpdateApiDestination", "UpdateArchive", "UpdateConnection", "UpdateEndpoint", "UpdateEventBus",
    ];

    private readonly EventsService _service;
    private readonly Dictionary<string, EventsOperation> _operations = new(StringComparer.Ordinal)
    {
        ["PutRule"] = PutRuleOperation.Invoke,
        ["DescribeRule"] = DescribeRuleOperation.Invoke,
        ["ListRules"] = ListRulesOperation.Invoke,
        ["DeleteRule"] = DeleteRuleOperation.Invoke,
        ["EnableRule"] = EnableRuleOperation.Invoke,
        ["DisableRule"] = DisableRuleOperation.Invoke,
        ["ListRuleNamesByTarget"] = ListRuleNamesByTargetOperation.Invoke,
        ["TagResource"] = TagResourceOperation.Invoke,
        ["UntagResource"] = UntagResourceOperation.Invoke,
        ["ListTagsForResource"] = ListTagsForResourceOperation.Invoke,
        ["PutTargets"] = PutTargetsOperation.Invoke,
        ["RemoveTargets"] = RemoveTargetsOperation.Invoke,
        ["ListTargetsByRule"] = ListTargetsByRuleOperation.Invoke,
        ["CreateEventBus"] = CreateEventBusOperation.Invoke,
        ["DescribeEventBus"] = DescribeEventBusOperation.Invoke,
        ["DeleteEventBus"] = DeleteEventBusOperation.Invoke,
        ["ListEventBuses"] = ListEventBusesOperation.Invoke,
        ["PutEvents"] = PutEventsOperation.Invoke,
        ["TestEventPattern"] = TestEventPatternOperation.Invoke,
    };

    public EventsHandler(EventsService service) => _service = service;

    public AwsServiceDescriptor Descriptor { get; } = new("events", AwsProtocol.Json) { TargetPrefixes = [TargetPrefix] };

    public async Task HandleAsync(AwsRequestContext request)
    {
        var target = request.Http.Request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.');
        var name = dot > 0 && target.AsSpan(0, dot).SequenceEqual(TargetPrefix) ? target[(dot + 1)..] : "";
        if (!_operations.TryGetValue(name, out var operation))
        {
            throw NotImplemented.Contains(name) ? EventsErrors.NotImplemented(name) : EventsErrors.UnknownOperation(target);
        }
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes);
        using var document = RequestBody.Parse(body);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            operation(_service, request.Scope, new JsonRequest(document.RootElement), json);
            json.WriteEndObject();
        }
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/x-amz-json-1.1";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
