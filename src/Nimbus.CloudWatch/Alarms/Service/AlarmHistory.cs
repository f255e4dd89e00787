using System.Text;
using System.Text.Json;
using Nimbus.CloudWatch.Alarms.Model;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>History items worded as CloudWatch words them (summaries and the JSON <c>HistoryData</c>).</summary>
internal static class AlarmHistory
{
    public const string ConfigurationUpdate = "ConfigurationUpdate";
    public const string StateUpdate = "StateUpdate";
    public const string Action = "Action";

    public static readonly IReadOnlyList<string> ItemTypes = [ConfigurationUpdate, StateUpdate, Action];

    public static AlarmHistoryItem Configuration(MetricAlarm alarm, string verb, DateTimeOffset at) =>
        new(alarm.AccountId, alarm.Region, alarm.AlarmName, at, ConfigurationUpdate, $"Alarm \"{alarm.AlarmName}\" {verb}",
            Json(json =>
            {
                json.WriteString("version", "1.0");
                json.WriteString("type", verb switch { "created" => "Create", "deleted" => "Delete", _ => "Update" });
                json.WriteString("alarmName", alarm.AlarmName);
            })) { AlarmType = TypeOf(alarm) };

    public static AlarmHistoryItem State(MetricAlarm before, MetricAlarm after, DateTimeOffset at) =>
        new(after.AccountId, after.Region, after.AlarmName, at, StateUpdate, $"Alarm updated from {before.StateValue} to {after.StateValue}",
            Json(json =>
            {
                json.WriteString("version", "1.0");
                json.WriteStartObject("oldState");
                json.WriteString("stateValue", before.StateValue);
                json.WriteString("stateReason", before.StateReason);
                json.WriteEndObject();
                json.WriteStartObject("newState");
                json.WriteString("stateValue", after.StateValue);
                json.WriteString("stateReason", after.StateReason);
                if (after.StateReasonData is { Length: > 0 } data)
                {
                    json.WritePropertyName("stateReasonData");
                    json.WriteRawValue(data);
                }
                json.WriteEndObject();
            })) { AlarmType = TypeOf(after) };

    /// <summary>The outcome of one alarm action; <paramref name="error"/> null when it was delivered.</summary>
    public static AlarmHistoryItem ActionResult(MetricAlarm alarm, string actionArn, string? error, DateTimeOffset at) =>
        new(alarm.AccountId, alarm.Region, alarm.AlarmName, at, Action,
            error is null ? $"Successfully executed action {actionArn}" : $"Failed to execute action {actionArn}. Received error: \"{error}\"",
            Json(json =>
            {
                json.WriteString("actionState", error is null ? "Succeeded" : "Failed");
                json.WriteString("stateUpdateTimestamp", AlarmText.Timestamp(alarm.StateUpdatedTimestamp));
                json.WriteString("notificationResource", actionArn);
                if (error is not null)
                {
                    json.WriteString("error", error);
                }
            })) { AlarmType = TypeOf(alarm) };

    public static string TypeOf(MetricAlarm alarm) => alarm.IsComposite ? "CompositeAlarm" : "MetricAlarm";

    public static string Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
