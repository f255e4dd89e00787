using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>DescribeAlarms, DescribeAlarmsForMetric and DescribeAlarmHistory.</summary>
public sealed partial class AlarmsService
{
    private static readonly string[] AlarmTypeNames = ["CompositeAlarm", "MetricAlarm"];

    public AlarmPage<MetricAlarm> DescribeAlarms(AwsScope scope, DescribeAlarmsCommand command)
    {
        Names(command.AlarmNames);
        if (command.AlarmNames.Count > 0 && command.AlarmNamePrefix is not null)
        {
            throw MetricsErrors.InvalidParameterCombination("AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        if (command.StateValue is { } state && !AlarmStates.All.Contains(state))
        {
            throw MetricsErrors.InvalidValue("StateValue", state);
        }
        var limit = PageSize(command.MaxRecords, 50);
        Types(command.AlarmTypes);
        var after = "";
        if (command.NextToken is not null && !PageTokens.TryDecodeText(command.NextToken, "da", out after))
        {
            throw MetricsErrors.InvalidNextToken();
        }
        // Only metric alarms exist in Nimbus: asking for composite alarms only, or for a composite's parents or children, finds none.
        if ((command.AlarmTypes.Count > 0 && !command.AlarmTypes.Contains("MetricAlarm"))
            || command.ChildrenOfAlarmName is not null || command.ParentsOfAlarmName is not null)
        {
            return new AlarmPage<MetricAlarm>([], null);
        }
        var names = command.AlarmNames.ToHashSet(StringComparer.Ordinal);
        var matching = _store.List(scope, after.Length == 0 ? null : after).Where(a =>
            (names.Count == 0 || names.Contains(a.AlarmName))
            && (command.AlarmNamePrefix is null || a.AlarmName.StartsWith(command.AlarmNamePrefix, StringComparison.Ordinal))
            && (command.StateValue is null || a.StateValue == command.StateValue)
            && (command.ActionPrefix is null || a.AlarmActions.Concat(a.OKActions).Concat(a.InsufficientDataActions)
                .Any(x => x.StartsWith(command.ActionPrefix, StringComparison.Ordinal))))
            .Take(limit + 1).ToList();
        return matching.Count > limit
            ? new AlarmPage<MetricAlarm>(matching[..limit], PageTokens.EncodeText("da", matching[limit - 1].AlarmName))
            : new AlarmPage<MetricAlarm>(matching, null);
    }

    /// <summary>The alarms watching exactly this metric (same namespace, name and dimension set), optionally narrowed.</summary>
    public IReadOnlyList<MetricAlarm> DescribeAlarmsForMetric(AwsScope scope, MetricIdentity metric, string? statistic, string? extendedStatistic,
        int? period, string? unit)
    {
        MetricsValidation.Metric(metric, "");
        if (statistic is not null)
        {
            MetricsValidation.StandardStatistic(statistic, "Statistic");
        }
        if (extendedStatistic is not null)
        {
            MetricsValidation.Percentile(extendedStatistic, "ExtendedStatistic");
        }
        MetricsValidation.Unit(unit, "Unit");
        return _store.List(scope).Where(a =>
        {
            if (a.Metrics is { } queries)
            {
                return queries.Any(q => q.IsMetricStat && Same(metric, q.Namespace, q.MetricName, q.Dimensions)
                    && (statistic ?? extendedStatistic) is var s && (s is null || q.Stat == s) && (period is null || q.Period == period) && (unit is null || q.Unit == unit));
            }
            return Same(metric, a.Namespace, a.MetricName, a.Dimensions)
                && (statistic is null || a.Statistic == statistic) && (extendedStatistic is null || a.ExtendedStatistic == extendedStatistic)
                && (period is null || a.Period == period) && (unit is null || a.Unit == unit);
        }).ToList();
    }

    public AlarmPage<AlarmHistoryItem> DescribeAlarmHistory(AwsScope scope, DescribeAlarmHistoryCommand command)
    {
        if (command.AlarmName is not null)
        {
            MetricsValidation.Text(command.AlarmName, "AlarmName", 255);
        }
        var itemTypes = AlarmHistory.ItemTypes.Concat(["AlarmContributorStateUpdate", "AlarmContributorAction"]);
        if (command.HistoryItemType is { } type && !itemTypes.Contains(type))
        {
            throw MetricsErrors.InvalidValue("HistoryItemType", type);
        }
        var ascending = command.ScanBy switch
        {
            null or "TimestampDescending" => false,
            "TimestampAscending" => true,
            _ => throw MetricsErrors.InvalidValue("ScanBy", command.ScanBy),
        };
        Types(command.AlarmTypes);
        var limit = PageSize(command.MaxRecords, 100);
        long? afterId = null;
        if (command.NextToken is not null)
        {
            afterId = PageTokens.TryDecode(command.NextToken, ascending ? "ah+" : "ah-", out var id) ? id : throw MetricsErrors.InvalidNextToken();
        }
        if (command.AlarmTypes.Count > 0 && !command.AlarmTypes.Contains("MetricAlarm"))
        {
            return new AlarmPage<AlarmHistoryItem>([], null);
        }
        var items = _store.History(scope, command.AlarmName, command.HistoryItemType, command.StartDate, command.EndDate, ascending, afterId, limit + 1);
        return items.Count > limit
            ? new AlarmPage<AlarmHistoryItem>(items.Take(limit).ToList(), PageTokens.Encode(ascending ? "ah+" : "ah-", items[limit - 1].Id))
            : new AlarmPage<AlarmHistoryItem>(items, null);
    }

    private static bool Same(MetricIdentity metric, string? ns, string? name, IReadOnlyList<Dimension> dimensions) =>
        ns == metric.Namespace && name == metric.Name && new MetricIdentity(ns, name, dimensions).Equals(metric);

    private static int PageSize(int? maxRecords, int fallback) => maxRecords switch
    {
        null => fallback,
        >= 1 and <= 100 => maxRecords.Value,
        _ => throw MetricsErrors.InvalidValue("MaxRecords", maxRecords),
    };

    private static void Types(IReadOnlyList<string> types)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (!AlarmTypeNames.Contains(types[i]))
            {
                throw MetricsErrors.InvalidValue($"AlarmTypes.member.{i + 1}", types[i]);
            }
        }
    }
}
