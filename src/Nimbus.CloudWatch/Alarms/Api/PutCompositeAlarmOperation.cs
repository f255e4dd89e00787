using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>PutCompositeAlarm: no output.</summary>
internal static class PutCompositeAlarmOperation
{
    public static WireValue? Invoke(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.PutCompositeAlarm(scope, new MetricAlarm
        {
            AccountId = scope.AccountId,
            Region = scope.Region,
            AlarmName = Input.String(input, "AlarmName", "") ?? throw MetricsErrors.MissingParameter("AlarmName"),
            AlarmArn = "",
            AlarmDescription = Input.String(input, "AlarmDescription", ""),
            AlarmRule = Input.String(input, "AlarmRule", "") ?? throw MetricsErrors.MissingParameter("AlarmRule"),
            ActionsEnabled = Input.Bool(input, "ActionsEnabled", "") ?? true,
            OKActions = Input.Strings(input, "OKActions", ""),
            AlarmActions = Input.Strings(input, "AlarmActions", ""),
            InsufficientDataActions = Input.Strings(input, "InsufficientDataActions", ""),
            ActionsSuppressor = Input.String(input, "ActionsSuppressor", ""),
            ActionsSuppressorWaitPeriod = Input.Int(input, "ActionsSuppressorWaitPeriod", ""),
            ActionsSuppressorExtensionPeriod = Input.Int(input, "ActionsSuppressorExtensionPeriod", ""),
            StateValue = AlarmStates.InsufficientData,
            StateReason = AlarmsService.InitialReason,
            ComparisonOperator = "",
            Tags = AlarmInput.Tags(input),
        });
        return null;
    }
}
