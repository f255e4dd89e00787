using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>PutMetricAlarm's constraints (model limits and the documented rules), with CloudWatch's error codes.</summary>
internal static class AlarmValidation
{
    public const int MaxActions = 5;
    public const int MaxTags = 50;

    /// <summary>AWS: Period × EvaluationPeriods may not exceed one day for periods of a minute or more (7 days for 10/30 s).</summary>
    public const int MaxEvaluationSeconds = 86_400;

    /// <summary>The action ARNs CloudWatch accepts: SNS topics, Lambda functions, Auto Scaling policies, EC2 actions, Systems Manager.</summary>
    private static readonly string[] ActionServices = ["sns", "lambda", "autoscaling", "automate", "ssm", "ssm-incidents", "swf"];

    public static void Alarm(MetricAlarm alarm)
    {
        MetricsValidation.Text(alarm.AlarmName, "AlarmName", 255);
        if (alarm.AlarmDescription is { Length: > 1024 })
        {
            throw MetricsErrors.InvalidValue("AlarmDescription", alarm.AlarmDescription);
        }
        if (alarm.EvaluationPeriods < 1)
        {
            throw MetricsErrors.InvalidValue("EvaluationPeriods", alarm.EvaluationPeriods);
        }
        if (alarm.DatapointsToAlarm is { } m && (m < 1 || m > alarm.EvaluationPeriods))
        {
            throw MetricsErrors.InvalidParameterCombination("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
        }
        if (AlarmStates.BandOperators.Contains(alarm.ComparisonOperator))
        {
            throw MetricsErrors.InvalidParameterValue(
                $"The comparison operator {alarm.ComparisonOperator} needs an anomaly detection band, which Nimbus does not support.");
        }
        if (!AlarmStates.ThresholdOperators.ContainsKey(alarm.ComparisonOperator))
        {
            throw MetricsErrors.InvalidValue("ComparisonOperator", alarm.ComparisonOperator);
        }
        if (alarm.ThresholdMetricId is not null)
        {
            throw MetricsErrors.InvalidParameterValue("ThresholdMetricId is only valid with an anomaly detection band, which Nimbus does not support.");
        }
        if (alarm.Threshold is null)
        {
            throw MetricsErrors.MissingParameter("Threshold");
        }
        if (alarm.TreatMissingData is { } treatment && !AlarmStates.MissingDataTreatments.Contains(treatment))
        {
            throw MetricsErrors.InvalidValue("TreatMissingData", treatment);
        }
        if (alarm.EvaluateLowSampleCountPercentile is { } low && low is not ("evaluate" or "ignore"))
        {
            throw MetricsErrors.InvalidValue("EvaluateLowSampleCountPercentile", low);
        }
        Actions(alarm.AlarmActions, "AlarmActions");
        Actions(alarm.OKActions, "OKActions");
        Actions(alarm.InsufficientDataActions, "InsufficientDataActions");
        Tags(alarm.Tags, "Tags");
        if (alarm.Metrics is null)
        {
            SingleMetric(alarm);
        }
        else
        {
            MetricMath(alarm);
        }
        if (alarm.EvaluatedPeriod >= 60 && (long)alarm.EvaluatedPeriod * alarm.EvaluationPeriods > MaxEvaluationSeconds)
        {
            throw MetricsErrors.InvalidParameterCombination("The evaluation period (Period × EvaluationPeriods) must not exceed one day (86,400 seconds).");
        }
    }

    public static void Tags(IReadOnlyList<KeyValuePair<string, string>> tags, string path)
    {
        if (tags.Count > MaxTags)
        {
            throw MetricsErrors.InvalidParameterValue($"The collection {path} must not have a size greater than {MaxTags}.");
        }
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Key.Length is 0 or > 128 || tags[i].Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw MetricsErrors.InvalidValue($"{path}.member.{i + 1}.Key", tags[i].Key);
            }
            if (tags[i].Value.Length > 256)
            {
                throw MetricsErrors.InvalidValue($"{path}.member.{i + 1}.Value", tags[i].Value);
            }
        }
    }

    private static void SingleMetric(MetricAlarm alarm)
    {
        if (alarm.MetricName is null || alarm.Namespace is null)
        {
            throw MetricsErrors.InvalidParameterCombination("Either MetricName and Namespace or Metrics must be specified.");
        }
        MetricsValidation.Metric(new MetricIdentity(alarm.Namespace, alarm.MetricName, alarm.Dimensions), "");
        if ((alarm.Statistic is null) == (alarm.ExtendedStatistic is null))
        {
            throw MetricsErrors.InvalidParameterCombination("Exactly one of Statistic and ExtendedStatistic must be specified.");
        }
        if (alarm.Statistic is { } statistic)
        {
            MetricsValidation.StandardStatistic(statistic, "Statistic");
        }
        if (alarm.ExtendedStatistic is { } extended)
        {
            MetricsValidation.Percentile(extended, "ExtendedStatistic");
        }
        var period = alarm.Period ?? throw MetricsErrors.MissingParameter("Period");
        AlarmPeriod(period, "Period");
        MetricsValidation.Unit(alarm.Unit, "Unit");
    }

    private static void MetricMath(MetricAlarm alarm)
    {
        if (alarm.MetricName is not null || alarm.Namespace is not null || alarm.Statistic is not null || alarm.ExtendedStatistic is not null
            || alarm.Period is not null || alarm.Dimensions.Count > 0 || alarm.Unit is not null)
        {
            throw MetricsErrors.InvalidParameterCombination("Metrics cannot be combined with MetricName, Namespace, Dimensions, Statistic, ExtendedStatistic, Period or Unit.");
        }
        var queries = alarm.Metrics!;
        if (queries.Count is 0 or > 10)
        {
            throw MetricsErrors.InvalidParameterValue("The collection Metrics must have between 1 and 10 members.");
        }
        if (queries.Count(q => q.ReturnData != false) != 1)
        {
            throw MetricsErrors.InvalidParameterValue("Exactly one element of the metrics list should return data.");
        }
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            if (query.IsMetricStat)
            {
                if (query.Stat is null || query.Period is null || query.Namespace is null || query.MetricName is null)
                {
                    throw MetricsErrors.InvalidParameterValue($"Metrics.member.{i + 1} must have a MetricStat with Metric, Period and Stat, or an Expression.");
                }
                AlarmPeriod(query.Period.Value, $"Metrics.member.{i + 1}.MetricStat.Period");
            }
        }
    }

    /// <summary>Alarm periods are 10, 30 or a multiple of 60 seconds.</summary>
    private static void AlarmPeriod(int period, string path)
    {
        if (period is not (10 or 30) && (period < 60 || period % 60 != 0))
        {
            throw MetricsErrors.InvalidParameterValue($"The parameter {path} must be 10, 30 or a multiple of 60.");
        }
    }

    public static void Actions(IReadOnlyList<string> actions, string path)
    {
        if (actions.Count > MaxActions)
        {
            throw MetricsErrors.InvalidParameterValue($"The collection {path} must not have a size greater than {MaxActions}.");
        }
        for (var i = 0; i < actions.Count; i++)
        {
            if (!Arn.TryParse(actions[i], out var arn) || !ActionServices.Contains(arn.Service) || arn.Resource.Length == 0)
            {
                throw MetricsErrors.InvalidParameterValue($"Invalid arn syntax: {actions[i]}");
            }
        }
    }
}
