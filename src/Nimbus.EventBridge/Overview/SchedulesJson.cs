using System.Globalization;
using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Overview;

/// <summary>The JSON shape of <c>/_nimbus/schedules</c> (camelCase, times in UTC ISO 8601 with milliseconds).</summary>
internal static class SchedulesJson
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter json, SchedulesOverview overview)
    {
        json.WriteStartObject();
        json.WriteString("now", Time(overview.Now));
        json.WriteStartArray("schedules");
        foreach (var item in overview.Schedules)
        {
            var s = item.Schedule;
            Head(json, "schedule", item.Scope, ("groupName", s.GroupName), s.Name, s.Arn);
            json.WriteString("scheduleExpression", s.ScheduleExpression);
            // Scheduler's default time zone is UTC.
            json.WriteString("scheduleExpressionTimezone", s.ScheduleExpressionTimezone ?? "UTC");
            json.WriteString("state", s.State);
            OptionalString(json, "description", s.Description);
            OptionalTime(json, "startDate", s.StartDate);
            OptionalTime(json, "endDate", s.EndDate);
            json.WriteStartObject("flexibleTimeWindow");
            json.WriteString("mode", s.FlexibleTimeWindowMode);
            if (s.MaximumWindowInMinutes is { } window)
            {
                json.WriteNumber("maximumWindowInMinutes", window);
            }
            json.WriteEndObject();
            json.WriteString("actionAfterCompletion", s.ActionAfterCompletion);
            json.WriteStartArray("targets");
            Target(json, null, s.Target.Arn, s.Target.Input);
            json.WriteEndArray();
            Tail(json, item.NextFireTimes, item.LastFirings);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("rules");
        foreach (var item in overview.Rules)
        {
            var r = item.Rule;
            Head(json, "rule", item.Scope, ("eventBusName", r.EventBusName), r.Name, r.Arn);
            OptionalString(json, "scheduleExpression", r.ScheduleExpression);
            // EventBridge rules always run in UTC.
            if (r.ScheduleExpression is not null)
            {
                json.WriteString("scheduleExpressionTimezone", "UTC");
            }
            OptionalString(json, "eventPattern", r.EventPattern);
            json.WriteString("state", r.State);
            OptionalString(json, "description", r.Description);
            json.WriteStartArray("targets");
            foreach (var target in r.Targets)
            {
                Target(json, target.Id, target.Arn, target.Input);
            }
            json.WriteEndArray();
            Tail(json, item.NextFireTimes, item.LastFirings);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Opens an item's object with what identifies it: kind, scope, group or bus, name and ARN.</summary>
    private static void Head(Utf8JsonWriter json, string kind, AwsScope scope, (string Name, string Value) container, string name, string arn)
    {
        json.WriteStartObject();
        json.WriteString("kind", kind);
        json.WriteString("account", scope.AccountId);
        json.WriteString("region", scope.Region);
        json.WriteString(container.Name, container.Value);
        json.WriteString("name", name);
        json.WriteString("arn", arn);
    }

    private static void Target(Utf8JsonWriter json, string? id, string arn, string? input)
    {
        json.WriteStartObject();
        OptionalString(json, "id", id);
        json.WriteString("arn", arn);
        OptionalString(json, "input", input);
        json.WriteEndObject();
    }

    private static void Tail(Utf8JsonWriter json, IReadOnlyList<DateTimeOffset> next, IReadOnlyList<FiringRecord> firings)
    {
        json.WriteStartArray("nextFireTimes");
        foreach (var time in next)
        {
            json.WriteStringValue(Time(time));
        }
        json.WriteEndArray();
        json.WriteStartArray("lastFirings");
        foreach (var firing in firings)
        {
            json.WriteStartObject();
            json.WriteString("tick", Time(firing.Tick));
            json.WriteString("firedAt", Time(firing.FiredAt));
            json.WriteString("target", firing.Target);
            json.WriteString("outcome", firing.Outcome);
            OptionalString(json, "error", firing.Error);
            json.WriteNumber("attempts", firing.Attempts);
            json.WriteBoolean("runNow", firing.RunNow);
            OptionalTime(json, "completedAt", firing.CompletedAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void OptionalTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, Time(time));
        }
    }
}
