using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>DescribeAlarms: <c>MetricAlarms</c>, <c>CompositeAlarms</c> and <c>NextToken</c>.</summary>
internal static class DescribeAlarmsOperation
{
    public static WireValue Invoke(AlarmsService service, AwsScope scope, WireValue input)
    {
        var command = new DescribeAlarmsCommand(
            Input.Strings(input, "AlarmNames", ""),
            Input.String(input, "AlarmNamePrefix", ""),
            Input.Strings(input, "AlarmTypes", ""),
            Input.String(input, "ChildrenOfAlarmName", ""),
            Input.String(input, "ParentsOfAlarmName", ""),
            Input.String(input, "StateValue", ""),
            Input.String(input, "ActionPrefix", ""),
            Input.Int(input, "MaxRecords", ""),
            Input.String(input, "NextToken", ""));
        var page = service.DescribeAlarms(scope, command);
        Func<MetricAlarm, WireValue> metric = AlarmOutput.Alarm, composite = AlarmOutput.Composite;
        if (command.ChildrenOfAlarmName is not null || command.ParentsOfAlarmName is not null)
        {
            metric = composite = a => AlarmOutput.Brief(a, withState: command.ChildrenOfAlarmName is not null);
        }
        return WireValue.Map(
            ("CompositeAlarms", WireValue.List(page.Items.Where(a => a.IsComposite).Select(composite))),
            ("MetricAlarms", WireValue.List(page.Items.Where(a => !a.IsComposite).Select(metric))),
            ("NextToken", page.NextToken is null ? null : WireValue.Of(page.NextToken)));
    }
}
