using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>DescribeAlarmsForMetric: <c>MetricAlarms</c>.</summary>
internal static class DescribeAlarmsForMetricOperation
{
    public static WireValue Invoke(AlarmsService service, AwsScope scope, WireValue input)
    {
        var alarms = service.DescribeAlarmsForMetric(scope, Input.Metric(input, ""),
            Input.String(input, "Statistic", ""), Input.String(input, "ExtendedStatistic", ""), Input.Int(input, "Period", ""), Input.String(input, "Unit", ""));
        return WireValue.Map(("MetricAlarms", WireValue.List(alarms.Select(AlarmOutput.Alarm))));
    }
}
