using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>DescribeAlarmHistory: <c>AlarmHistoryItems</c> and <c>NextToken</c>.</summary>
internal static class DescribeAlarmHistoryOperation
{
    public static WireValue Invoke(AlarmsService service, AwsScope scope, WireValue input)
    {
        var page = service.DescribeAlarmHistory(scope, new DescribeAlarmHistoryCommand(
            Input.String(input, "AlarmName", ""),
            Input.Strings(input, "AlarmTypes", ""),
            Input.String(input, "HistoryItemType", ""),
            Input.Timestamp(input, "StartDate", ""),
            Input.Timestamp(input, "EndDate", ""),
            Input.Int(input, "MaxRecords", ""),
            Input.String(input, "NextToken", ""),
            Input.String(input, "ScanBy", "")));
        return WireValue.Map(
            ("AlarmHistoryItems", WireValue.List(page.Items.Select(AlarmOutput.HistoryItem))),
            ("NextToken", page.NextToken is null ? null : WireValue.Of(page.NextToken)));
    }
}
