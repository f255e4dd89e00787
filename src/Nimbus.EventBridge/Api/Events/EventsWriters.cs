using System.Text.Json;
using Nimbus.EventBridge.Model;

namespace Nimbus.EventBridge.Api.Events;

/// <summary>The response shapes several operations share: <c>Rule</c>, <c>Target</c>, <c>EventBus</c>, tags, failed entries.</summary>
internal static class EventsWriters
{
    public static void RuleMembers(Utf8JsonWriter json, RuleRecord rule)
    {
        json.WriteString("Name", rule.Name);
        json.WriteString("Arn", rule.Arn);
        WriteIf(json, "EventPattern", rule.EventPattern);
        WriteIf(json, "ScheduleExpression", rule.ScheduleExpression);
        json.WriteString("State", rule.State);
        WriteIf(json, "Description", rule.Description);
        WriteIf(json, "RoleArn", rule.RoleArn);
        json.WriteString("EventBusName", rule.EventBusName);
    }

    public static void Target(Utf8JsonWriter json, TargetRecord target)
    {
        json.WriteStartObject();
        json.WriteString("Id", target.Id);
        json.WriteString("Arn", target.Arn);
        WriteIf(json, "RoleArn", target.RoleArn);
        WriteIf(json, "Input", target.Input);
        WriteIf(json, "InputPath", target.InputPath);
        if (target.InputTemplate is not null)
        {
            json.WriteStartObject("InputTransformer");
            if (target.InputPathsMap is { } paths)
            {
                json.WriteStartObject("InputPathsMap");
                foreach (var (key, path) in paths)
                {
                    json.WriteString(key, path);
                }
                json.WriteEndObject();
            }
            json.WriteString("InputTemplate", target.InputTemplate);
            json.WriteEndObject();
        }
        if (target.MaximumRetryAttempts is not null || target.MaximumEventAgeInSeconds is not null)
        {
            json.WriteStartObject("RetryPolicy");
            if (target.MaximumRetryAttempts is { } attempts)
            {
                json.WriteNumber("MaximumRetryAttempts", attempts);
            }
            if (target.MaximumEventAgeInSeconds is { } age)
            {
                json.WriteNumber("MaximumEventAgeInSeconds", age);
            }
            json.WriteEndObject();
        }
        DeadLetterAndOthers(json, target.DeadLetterArn, target.OtherParameters);
        json.WriteEndObject();
    }

    /// <summary>A target's <c>DeadLetterConfig</c> and the parameters Nimbus keeps without acting on them.</summary>
    public static void DeadLetterAndOthers(Utf8JsonWriter json, string? deadLetterArn, IReadOnlyDictionary<string, string> others)
    {
        if (deadLetterArn is not null)
        {
            json.WriteStartObject("DeadLetterConfig");
            json.WriteString("Arn", deadLetterArn);
            json.WriteEndObject();
        }
        foreach (var (name, raw) in others)
        {
            json.WritePropertyName(name);
            json.WriteRawValue(raw);
        }
    }

    public static void Bus(Utf8JsonWriter json, EventBusRecord bus)
    {
        json.WriteString("Name", bus.Name);
        json.WriteString("Arn", bus.Arn);
        WriteIf(json, "Description", bus.Description);
        WriteIf(json, "KmsKeyIdentifier", bus.KmsKeyIdentifier);
        if (bus.DeadLetterArn is not null)
        {
            json.WriteStartObject("DeadLetterConfig");
            json.WriteString("Arn", bus.DeadLetterArn);
            json.WriteEndObject();
        }
        json.WriteNumber("CreationTime", bus.CreationTime.ToUnixTimeMilliseconds() / 1000.0);
        json.WriteNumber("LastModifiedTime", bus.LastModifiedTime.ToUnixTimeMilliseconds() / 1000.0);
    }

    public static void Tags(Utf8JsonWriter json, IReadOnlyDictionary<string, string> tags)
    {
        json.WriteStartArray("Tags");
        foreach (var (key, value) in tags)
        {
            json.WriteStartObject();
            json.WriteString("Key", key);
            json.WriteString("Value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void FailedEntries(Utf8JsonWriter json, IReadOnlyList<Service.FailedEntry> failed)
    {
        json.WriteNumber("FailedEntryCount", failed.Count);
        json.WriteStartArray("FailedEntries");
        foreach (var entry in failed)
        {
            json.WriteStartObject();
            WriteIf(json, "TargetId", entry.Id);
            json.WriteString("ErrorCode", entry.ErrorCode);
            json.WriteString("ErrorMessage", entry.ErrorMessage);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteIf(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
