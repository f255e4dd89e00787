using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Api.Events;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Scheduler;

/// <summary>Schedule groups and their tags: CreateScheduleGroup, GetScheduleGroup, DeleteScheduleGroup, ListScheduleGroups, TagResource, UntagResource, ListTagsForResource.</summary>
internal static class GroupOperations
{
    public static void Create(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        response.WriteString("ScheduleGroupArn", service.CreateGroup(scope, request.Name(), request.Body.Tags()));

    public static void Get(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        Group(response, service.RequireGroup(scope, request.Name()));

    public static void Delete(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        service.DeleteGroup(scope, request.Name());

    public static void List(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response)
    {
        var page = service.ListGroups(scope, request.Query("NamePrefix", 64), request.Query("NextToken"), request.QueryInt("MaxResults", 1, 100));
        response.WriteStartArray("ScheduleGroups");
        foreach (var group in page.Items)
        {
            response.WriteStartObject();
            Group(response, group);
            response.WriteEndObject();
        }
        response.WriteEndArray();
        if (page.NextToken is not null)
        {
            response.WriteString("NextToken", page.NextToken);
        }
    }

    public static void Tag(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        service.Tag(scope, request.Label("ResourceArn"), request.Body.Tags() ?? throw SchedulerErrors.Validation("Tags is required."), null);

    public static void Untag(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        service.Tag(scope, request.Label("ResourceArn"), null, request.QueryList("TagKeys"));

    public static void ListTags(SchedulerService service, AwsScope scope, SchedulerRequest request, Utf8JsonWriter response) =>
        EventsWriters.Tags(response, service.ListTags(scope, request.Label("ResourceArn")));

    private static void Group(Utf8JsonWriter response, ScheduleGroupRecord group)
    {
        response.WriteString("Arn", group.Arn);
        SchedulerWriters.Time(response, "CreationDate", group.CreationDate);
        SchedulerWriters.Time(response, "LastModificationDate", group.LastModificationDate);
        response.WriteString("Name", group.Name);
        response.WriteString("State", "ACTIVE");
    }
}
