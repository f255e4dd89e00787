using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>The operations without output that act on alarms by name: DeleteAlarms, SetAlarmState, Enable/DisableAlarmActions.</summary>
internal static class AlarmStateOperations
{
    public static WireValue? DeleteAlarms(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.DeleteAlarms(scope, Input.Strings(input, "AlarmNames", ""));
        return null;
    }

    public static WireValue? SetAlarmState(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.SetAlarmState(scope, Input.String(input, "AlarmName", ""), Input.String(input, "StateValue", ""),
            Input.String(input, "StateReason", ""), Input.String(input, "StateReasonData", ""));
        return null;
    }

    public static WireValue? EnableAlarmActions(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.SetActionsEnabled(scope, Input.Strings(input, "AlarmNames", ""), enabled: true);
        return null;
    }

    public static WireValue? DisableAlarmActions(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.SetActionsEnabled(scope, Input.Strings(input, "AlarmNames", ""), enabled: false);
        return null;
    }
}
