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
        if (command.ChildrenOfAlarmName is not null || command.ParentsOfAlarmName is not null)
        {
            return Family(scope, command, after, limit);
        }
        // As on AWS, without AlarmTypes only metric alarms are described.
        var types = command.AlarmTypes.Count == 0 ? ["MetricAlarm"] : command.AlarmTypes;
        var names = command.AlarmNames.ToHashSet(StringComparer.Ordinal);
        var matching = _store.List(scope, after.Length == 0 ? null : after).Where(a =>
            types.Contains(AlarmHistory.TypeOf(a))
            && (names.Count == 0 || names.Contains(a.AlarmName))
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
        // Without an alarm name or types, the history of metric alarms (AWS: "either all metric alarms or all composite alarms").
        var alarmType = command.AlarmTypes.Distinct().Count() == 1 ? command.AlarmTypes[0] : command.AlarmTypes.Count == 0 && command.AlarmName is null ? "MetricAlarm" : null;
        var items = _store.History(scope, command.AlarmName, command.HistoryItemType, alarmType, command.StartDate, command.EndDate, ascending, afterId, limit + 1);
        return items.Count > limit
            ? new AlarmPage<AlarmHistoryItem>(items.Take(limit).ToList(), PageTokens.Encode(ascending ? "ah+" : "ah-", items[limit - 1].Id))
            : new AlarmPage<AlarmHistoryItem>(items, null);
    }

    /// <summary>
    /// ChildrenOfAlarmName (the alarms a composite's rule names) or ParentsOfAlarmName (the composites whose rule names
    /// the alarm); only MaxRecords and NextToken may come with them.
    /// </summary>
    private AlarmPage<MetricAlarm> Family(AwsScope scope, DescribeAlarmsCommand command, string after, int limit)
    {
        if (command.ChildrenOfAlarmName is not null && command.ParentsOfAlarmName is not null)
        {
            throw MetricsErrors.Validation("ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified together.");
        }
        if (command.AlarmNames.Count > 0 || command.AlarmNamePrefix is not null || command.AlarmTypes.Count > 0 || command.StateValue is not null
            || command.ActionPrefix is not null)
        {
            throw MetricsErrors.Validation(
                $"{(command.ChildrenOfAlarmName is null ? "ParentsOfAlarmName" : "ChildrenOfAlarmName")} cannot be specified with parameters other than MaxRecords and NextToken.");
        }
        var alarms = _store.List(scope);
        IEnumerable<MetricAlarm> family;
        if (command.ChildrenOfAlarmName is { } parentName)
        {
            var parent = alarms.FirstOrDefault(a => a.AlarmName == parentName && a.IsComposite);
            var children = parent is null ? [] : AlarmRule.Parse(parent.AlarmRule!).References.Select(r => NameOf(scope, r)).ToHashSet(StringComparer.Ordinal);
            family = alarms.Where(a => children.Contains(a.AlarmName));
        }
        else
        {
            family = alarms.Where(a => a.IsComposite
                && AlarmRule.Parse(a.AlarmRule!).References.Any(r => NameOf(scope, r) == command.ParentsOfAlarmName));
        }
        var page = family.Where(a => string.CompareOrdinal(a.AlarmName, after) > 0).Take(limit + 1).ToList();
        return page.Count > limit
            ? new AlarmPage<MetricAlarm>(page[..limit], PageTokens.EncodeText("da", page[limit - 1].AlarmName))
            : new AlarmPage<MetricAlarm>(page, null);
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
