using System.Text.Json;
using Nimbus.EventBridge.Api.Events;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Api.Scheduler;

/// <summary>Scheduler response shapes; timestamps are epoch seconds, as rest-json writes them.</summary>
internal static class SchedulerWriters
{
    public static void Time(Utf8JsonWriter json, string name, DateTimeOffset value) => json.WriteNumber(name, value.ToUnixTimeMilliseconds() / 1000.0);

    public static void Schedule(Utf8JsonWriter json, ScheduleRecord schedule)
    {
        json.WriteString("ActionAfterCompletion", schedule.ActionAfterCompletion);
        json.WriteString("Arn", schedule.Arn);
        Time(json, "CreationDate", schedule.CreationDate);
        EventsWriters.WriteIf(json, "Description", schedule.Description);
        if (schedule.EndDate is { } end)
        {
            Time(json, "EndDate", end);
        }
        json.WriteStartObject("FlexibleTimeWindow");
        json.WriteString("Mode", schedule.FlexibleTimeWindowMode);
        if (schedule.MaximumWindowInMinutes is { } window)
        {
            json.WriteNumber("MaximumWindowInMinutes", window);
        }
        json.WriteEndObject();
        json.WriteString("GroupName", schedule.GroupName);
        EventsWriters.WriteIf(json, "KmsKeyArn", schedule.KmsKeyArn);
        Time(json, "LastModificationDate", schedule.LastModificationDate);
        json.WriteString("Name", schedule.Name);
        json.WriteString("ScheduleExpression", schedule.ScheduleExpression);
        EventsWriters.WriteIf(json, "ScheduleExpressionTimezone", schedule.ScheduleExpressionTimezone);
        if (schedule.StartDate is { } start)
        {
            Time(json, "StartDate", start);
        }
        json.WriteString("State", schedule.State);
        Target(json, schedule.Target);
    }

    private static void Target(Utf8JsonWriter json, ScheduleTargetRecord target)
    {
        json.WriteStartObject("Target");
        json.WriteString("Arn", target.Arn);
        json.WriteString("RoleArn", target.RoleArn);
        EventsWriters.WriteIf(json, "Input", target.Input);
        json.WriteStartObject("RetryPolicy");
        json.WriteNumber("MaximumEventAgeInSeconds", target.MaximumEventAgeInSeconds ?? 86_400);
        json.WriteNumber("MaximumRetryAttempts", target.MaximumRetryAttempts ?? 185);
        json.WriteEndObject();
        EventsWriters.DeadLetterAndOthers(json, target.DeadLetterArn, target.OtherParameters);
        json.WriteEndObject();
    }
}
