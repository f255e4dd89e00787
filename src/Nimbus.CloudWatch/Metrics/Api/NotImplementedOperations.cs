namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>Operations of the CloudWatch 2010-08-01 model Nimbus does not serve yet; they answer a clean 501.</summary>
internal static class NotImplementedOperations
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "DeleteAlarmMuteRule", "DeleteAlarms", "DeleteAnomalyDetector", "DeleteDashboards", "DeleteInsightRules",
        "DeleteMetricStream", "DescribeAlarmContributors", "DescribeAlarmHistory", "DescribeAlarms", "DescribeAlarmsForMetric",
        "DescribeAnomalyDetectors", "DescribeInsightRules", "DisableAlarmActions", "DisableInsightRules", "EnableAlarmActions",
        "EnableInsightRules", "GetAlarmMuteRule", "GetDashboard", "GetInsightRuleReport", "GetMetricStream",
        "GetMetricWidgetImage", "GetOTelEnrichment", "ListAlarmMuteRules", "ListDashboards", "ListManagedInsightRules",
        "ListMetricStreams", "ListTagsForResource", "PutAlarmMuteRule", "PutAnomalyDetector", "PutCompositeAlarm",
        "PutDashboard", "PutInsightRule", "PutManagedInsightRules", "PutMetricAlarm", "PutMetricStream", "SetAlarmState",
        "StartMetricStreams", "StartOTelEnrichment", "StopMetricStreams", "StopOTelEnrichment", "TagResource", "UntagResource",
    };
}
