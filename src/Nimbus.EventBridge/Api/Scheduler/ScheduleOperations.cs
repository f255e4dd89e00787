using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Scheduler;

/// <summary>CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules: thin wire mappings of one resource.</summary>
internal static class ScheduleOperations
{
    public static void Create(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        response.WriteString("ScheduleArn", service.CreateSchedule(scope, ScheduleInput.Read(request)));

    public static void Update(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        response.WriteString("ScheduleArn", service.UpdateSchedule(scope, ScheduleInput.Read(request)));

    public static void Get(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        SchedulerWriters.Schedule(response, service.GetSchedule(scope, request.Query("groupName", 64), request.Name()));

    public static void Delete(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        service.DeleteSchedule(scope, request.Query("groupName", 64), request.Name());

    public static void List(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response)
    {
        var state = request.Query("State");
        if (state is not (null or "ENABLED" or "DISABLED"))
        {
            throw EventsErrors.Constraint(state, "state", "Member must satisfy enum value set: [ENABLED, DISABLED]");
        }
        var page = service.ListSchedules(scope, request.Query("ScheduleGroup", 64), request.Query("NamePrefix", 64), state,
            request.Query("NextToken"), request.QueryInt("MaxResults", 1, 100));
        response.WriteStartArray("Schedules");
        foreach (var schedule in page.Items)
        {
            response.WriteStartObject();
            response.WriteString("Arn", schedule.Arn);
            SchedulerWriters.Time(response, "CreationDate", schedule.CreationDate);
            response.WriteString("GroupName", schedule.GroupName);
            SchedulerWriters.Time(response, "LastModificationDate", schedule.LastModificationDate);
            response.WriteString("Name", schedule.Name);
            response.WriteString("State", schedule.State);
            response.WriteStartObject("Target");
            response.WriteString("Arn", schedule.Target.Arn);
            response.WriteEndObject();
            response.WriteEndObject();
        }
        response.WriteEndArray();
        if (page.NextToken is not null)
        {
            response.WriteString("NextToken", page.NextToken);
        }
    }
}
