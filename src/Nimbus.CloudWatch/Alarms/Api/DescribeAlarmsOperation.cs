using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>DescribeAlarms: <c>MetricAlarms</c>, <c>CompositeAlarms</c> (always empty: Nimbus has none) and <c>NextToken</c>.</summary>
internal static class DescribeAlarmsOperation
{
    public static WireValue Invoke(AlarmsService service, AwsScope scope, WireValue input)
    {
        var page = service.DescribeAlarms(scope, new DescribeAlarmsCommand(
            Input.Strings(input, "AlarmNames", ""),
            Input.String(input, "AlarmNamePrefix", ""),
            Input.Strings(input, "AlarmTypes", ""),
            Input.String(input, "ChildrenOfAlarmName", ""),
            Input.String(input, "ParentsOfAlarmName", ""),
            Input.String(input, "StateValue", ""),
            Input.String(input, "ActionPrefix", ""),
            Input.Int(input, "MaxRecords", ""),
            Input.String(input, "NextToken", "")));
        return WireValue.Map(
            ("CompositeAlarms", WireValue.List([])),
            ("MetricAlarms", WireValue.List(page.Items.Select(AlarmOutput.Alarm))),
            ("NextToken", page.NextToken is null ? null : WireValue.Of(page.NextToken)));
    }
}
