namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>Operations of the CloudWatch 2010-08-01 model Nimbus does not serve yet; they answer a clean 501.</summary>
internal static class NotImplementedOperations
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "DeleteAlarmMuteRule", "DeleteAnomalyDetector", "DeleteDashboards", "DeleteInsightRules",
        "DeleteMetricStream", "DescribeAlarmContributors",
        "DescribeAnomalyDetectors", "DescribeInsightRules", "DisableInsightRules",
        "EnableInsightRules", "GetAlarmMuteRule", "GetDashboard", "GetInsightRuleReport", "GetMetricStream",
        "GetMetricWidgetImage", "GetOTelEnrichment", "ListAlarmMuteRules", "ListDashboards", "ListManagedInsightRules",
        "ListMetricStreams", "PutAlarmMuteRule", "PutAnomalyDetector",
        "PutDashboard", "PutInsightRule", "PutManagedInsightRules", "PutMetricStream",
        "StartMetricStreams", "StartOTelEnrichment", "StopMetricStreams", "StopOTelEnrichment",
    };
}
