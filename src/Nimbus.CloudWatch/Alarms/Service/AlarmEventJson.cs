using System.Text.Json;
using Nimbus.CloudWatch.Alarms.Model;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// The event CloudWatch sends a Lambda function named as an alarm action
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda):
/// <c>source</c> <c>aws.cloudwatch</c>, <c>alarmArn</c>, <c>accountId</c>, <c>time</c>, <c>region</c> and
/// <c>alarmData</c> with the alarm's name, new and previous state and its configuration's metrics.
/// </summary>
internal static class AlarmEventJson
{
    public static byte[] Build(MetricAlarm alarm, MetricAlarm previous)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", "aws.cloudwatch");
            json.WriteString("alarmArn", alarm.AlarmArn);
            json.WriteString("accountId", alarm.AccountId);
            json.WriteString("time", AlarmText.Timestamp(alarm.StateUpdatedTimestamp));
            json.WriteString("region", alarm.Region);
            json.WriteStartObject("alarmData");
            json.WriteString("alarmName", alarm.AlarmName);
            State(json, "state", alarm);
            State(json, "previousState", previous);
            json.WriteStartObject("configuration");
            if (alarm.AlarmDescription is not null)
            {
                json.WriteString("description", alarm.AlarmDescription);
            }
            if (alarm.IsComposite)
            {
                Composite(json, alarm);
                return buffer.ToArray();
            }
            json.WriteStartArray("metrics");
            if (alarm.Metrics is { } queries)
            {
                foreach (var query in queries)
                {
                    Metric(json, query.Id, query);
                }
            }
            else
            {
                // A single-metric alarm is described as one MetricStat query; AWS gives it a generated id.
                Metric(json, Guid.NewGuid().ToString(), new AlarmQuery
                {
                    Id = "m1",
                    Namespace = alarm.Namespace,
                    MetricName = alarm.MetricName,
                    Dimensions = alarm.Dimensions,
                    Period = alarm.Period,
                    Stat = alarm.Statistic ?? alarm.ExtendedStatistic,
                    Unit = alarm.Unit,
                    ReturnData = true,
                });
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>A composite alarm's configuration: its rule and actions suppressor instead of metrics; closes the event.</summary>
    private static void Composite(Utf8JsonWriter json, MetricAlarm alarm)
    {
        json.WriteString("alarmRule", alarm.AlarmRule);
        if (alarm.ActionsSuppressor is not null)
        {
            json.WriteString("actionsSuppressor", alarm.ActionsSuppressor);
            json.WriteNumber("actionsSuppressorWaitPeriod", alarm.ActionsSuppressorWaitPeriod ?? 0);
            json.WriteNumber("actionsSuppressorExtensionPeriod", alarm.ActionsSuppressorExtensionPeriod ?? 0);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
    }

    private static void State(Utf8JsonWriter json, string name, MetricAlarm alarm)
    {
        json.WriteStartObject(name);
        json.WriteString("value", alarm.StateValue);
        json.WriteString("reason", alarm.StateReason);
        if (alarm.StateReasonData is not null)
        {
            json.WriteString("reasonData", alarm.StateReasonData);
        }
        json.WriteString("timestamp", AlarmText.Timestamp(alarm.StateUpdatedTimestamp));
        json.WriteEndObject();
    }

    private static void Metric(Utf8JsonWriter json, string id, AlarmQuery query)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        if (query.Expression is not null)
        {
            json.WriteString("expression", query.Expression);
            if (query.Label is not null)
            {
                json.WriteString("label", query.Label);
            }
        }
        else
        {
            json.WriteStartObject("metricStat");
            json.WriteStartObject("metric");
            json.WriteString("namespace", query.Namespace);
            json.WriteString("name", query.MetricName);
            json.WriteStartObject("dimensions");
            foreach (var dimension in query.Dimensions)
            {
                json.WriteString(dimension.Name, dimension.Value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("period", query.Period ?? 60);
            json.WriteString("stat", query.Stat);
            if (query.Unit is not null)
            {
                json.WriteString("unit", query.Unit);
            }
            json.WriteEndObject();
        }
        json.WriteBoolean("returnData", query.ReturnData != false);
        json.WriteEndObject();
    }
}
