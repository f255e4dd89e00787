using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Service;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>PutCompositeAlarm's constraints that need no other alarm (the model's limits and the documented rules).</summary>
internal static class CompositeAlarmValidation
{
    /// <summary>AWS: a rule can reference as many as 100 alarms.</summary>
    public const int MaxReferences = 100;

    public const int MaxRuleLength = 10_240;

    /// <returns>The parsed rule.</returns>
    public static AlarmRule Validate(MetricAlarm alarm)
    {
        MetricsValidation.Text(alarm.AlarmName, "AlarmName", 255);
        if (alarm.AlarmDescription is { Length: > 1024 })
        {
            throw MetricsErrors.InvalidValue("AlarmDescription", alarm.AlarmDescription);
        }
        var text = alarm.AlarmRule ?? throw MetricsErrors.MissingParameter("AlarmRule");
        if (text.Length is 0 or > MaxRuleLength)
        {
            throw MetricsErrors.InvalidValue("AlarmRule", text.Length == 0 ? "(empty)" : text[..64] + "…");
        }
        var rule = AlarmRule.Parse(text);
        if (rule.References.Count > MaxReferences)
        {
            throw MetricsErrors.Validation($"The alarm rule can reference at most {MaxReferences} alarms.");
        }
        AlarmValidation.Actions(alarm.AlarmActions, "AlarmActions");
        AlarmValidation.Actions(alarm.OKActions, "OKActions");
        AlarmValidation.Actions(alarm.InsufficientDataActions, "InsufficientDataActions");
        AlarmValidation.Tags(alarm.Tags, "Tags");
        if (alarm.ActionsSuppressor is null)
        {
            if (alarm.ActionsSuppressorWaitPeriod is not null || alarm.ActionsSuppressorExtensionPeriod is not null)
            {
                throw MetricsErrors.Validation("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are only valid with ActionsSuppressor.");
            }
        }
        else
        {
            MetricsValidation.Text(alarm.ActionsSuppressor, "ActionsSuppressor", 1600);
            if (alarm.ActionsSuppressorWaitPeriod is null || alarm.ActionsSuppressorExtensionPeriod is null)
            {
                throw MetricsErrors.Validation("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are required when ActionsSuppressor is specified.");
            }
            if (alarm.ActionsSuppressorWaitPeriod < 0 || alarm.ActionsSuppressorExtensionPeriod < 0)
            {
                throw MetricsErrors.InvalidValue(alarm.ActionsSuppressorWaitPeriod < 0 ? "ActionsSuppressorWaitPeriod" : "ActionsSuppressorExtensionPeriod",
                    Math.Min(alarm.ActionsSuppressorWaitPeriod.Value, alarm.ActionsSuppressorExtensionPeriod.Value));
            }
        }
        return rule;
    }
}
