using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>PutMetricAlarm: no output.</summary>
internal static class PutMetricAlarmOperation
{
    public static WireValue? Invoke(AlarmsService service, AwsScope scope, WireValue input)
    {
        var draft = new MetricAlarm
        {
            AccountId = scope.AccountId,
            Region = scope.Region,
            AlarmName = Input.String(input, "AlarmName", "") ?? throw MetricsErrors.MissingParameter("AlarmName"),
            AlarmArn = "",
            AlarmDescription = Input.String(input, "AlarmDescription", ""),
            ActionsEnabled = Input.Bool(input, "ActionsEnabled", "") ?? true,
            OKActions = Input.Strings(input, "OKActions", ""),
            AlarmActions = Input.Strings(input, "AlarmActions", ""),
            InsufficientDataActions = Input.Strings(input, "InsufficientDataActions", ""),
            StateValue = AlarmStates.InsufficientData,
            StateReason = AlarmsService.InitialReason,
            Namespace = Input.String(input, "Namespace", ""),
            MetricName = Input.String(input, "MetricName", ""),
            Dimensions = Input.Dimensions(input, ""),
            Statistic = Input.String(input, "Statistic", ""),
            ExtendedStatistic = Input.String(input, "ExtendedStatistic", ""),
            Period = Input.Int(input, "Period", ""),
            Unit = Input.String(input, "Unit", ""),
            EvaluationPeriods = Input.Int(input, "EvaluationPeriods", "") ?? throw MetricsErrors.MissingParameter("EvaluationPeriods"),
            DatapointsToAlarm = Input.Int(input, "DatapointsToAlarm", ""),
            Threshold = Input.Double(input, "Threshold", ""),
            ThresholdMetricId = Input.String(input, "ThresholdMetricId", ""),
            ComparisonOperator = Input.String(input, "ComparisonOperator", "") ?? throw MetricsErrors.MissingParameter("ComparisonOperator"),
            TreatMissingData = Input.String(input, "TreatMissingData", ""),
            EvaluateLowSampleCountPercentile = Input.String(input, "EvaluateLowSampleCountPercentile", ""),
            Metrics = Input.List(input, "Metrics", "", Query),
            Tags = AlarmInput.Tags(input),
        };
        service.PutMetricAlarm(scope, draft);
        return null;
    }

    private static AlarmQuery Query(WireValue value, string path)
    {
        var query = Input.Struct(value, path);
        var prefix = path + ".";
        var stat = query["MetricStat"] is { } statValue ? Input.Struct(statValue, prefix + "MetricStat") : null;
        var metric = stat?["Metric"] is { } metricValue ? Input.Metric(Input.Struct(metricValue, prefix + "MetricStat.Metric"), prefix + "MetricStat.Metric.") : null;
        return new AlarmQuery
        {
            Id = Input.String(query, "Id", prefix) ?? throw MetricsErrors.MissingParameter(prefix + "Id"),
            Namespace = metric?.Namespace,
            MetricName = metric?.Name,
            Dimensions = metric?.Dimensions ?? [],
            Period = stat is null ? Input.Int(query, "Period", prefix) : Input.Int(stat, "Period", prefix + "MetricStat."),
            Stat = stat is null ? null : Input.String(stat, "Stat", prefix + "MetricStat."),
            Unit = stat is null ? null : Input.String(stat, "Unit", prefix + "MetricStat."),
            Expression = Input.String(query, "Expression", prefix),
            Label = Input.String(query, "Label", prefix),
            ReturnData = Input.Bool(query, "ReturnData", prefix),
            AccountId = Input.String(query, "AccountId", prefix),
        };
    }
}
