using System.Text.Json;
using Nimbus.EventBridge.Api.Scheduler;
using Nimbus.EventBridge.Service;
using Nimbus.Protocol;
using Nimbus.Protocol.Rest;

namespace Nimbus.EventBridge.Api;

/// <summary>EventBridge Scheduler on the edge endpoint: rest-json, signing name <c>scheduler</c>, every operation of <c>scheduler/2021-06-30</c>.</summary>
internal sealed class SchedulerHandler : IAwsServiceHandler
{
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly SchedulerService _service;
    private readonly RestRouteTable<SchedulerOperation> _routes = new RestRouteTable<SchedulerOperation>()
        .Add("POST", "/schedules/{Name}", ScheduleOperations.Create)
        .Add("GET", "/schedules/{Name}", ScheduleOperations.Get)
        .Add("PUT", "/schedules/{Name}", ScheduleOperations.Update)
        .Add("DELETE", "/schedules/{Name}", ScheduleOperations.Delete)
        .Add("GET", "/schedules", ScheduleOperations.List)
        .Add("POST", "/schedule-groups/{Name}", GroupOperations.Create)
        .Add("GET", "/schedule-groups/{Name}", GroupOperations.Get)
        .Add("DELETE", "/schedule-groups/{Name}", GroupOperations.Delete)
        .Add("GET", "/schedule-groups", GroupOperations.List)
        .Add("POST", "/tags/{ResourceArn}", GroupOperations.Tag)
        .Add("DELETE", "/tags/{ResourceArn}", GroupOperations.Untag)
        .Add("GET", "/tags/{ResourceArn}", GroupOperations.ListTags);

    public SchedulerHandler(SchedulerService service) => _service = service;

    public AwsServiceDescriptor Descriptor { get; } = new("scheduler", AwsProtocol.RestJson);

    public async Task HandleAsync(AwsRequestContext request)
    {
        var http = request.Http.Request;
        var rawPath = http.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? http.Path.Value ?? "/";
        var operation = _routes.Match(http.Method, rawPath, out var labels, out var pathExists)
            ?? throw (pathExists
                ? new Nimbus.Core.AwsServiceException("MethodNotAllowedException", 405, $"{http.Method} is not allowed on {http.Path}.")
                : SchedulerErrors.NotFound($"No Scheduler operation at {http.Method} {http.Path}."));
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes);
        using var document = RequestBody.Parse(body);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            operation(_service, request.Scope, new SchedulerRequest(labels, http.Query, new JsonRequest(document.RootElement)), json);
            json.WriteEndObject();
        }
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Aborted);
    }
}
