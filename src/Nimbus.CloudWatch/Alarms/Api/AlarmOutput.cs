using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>The <c>MetricAlarm</c>, <c>AlarmHistoryItem</c> and <c>Tag</c> shapes of the responses.</summary>
internal static class AlarmOutput
{
    public static WireValue Alarm(MetricAlarm alarm) => WireValue.Map(
        ("AlarmName", WireValue.Of(alarm.AlarmName)),
        ("AlarmArn", WireValue.Of(alarm.AlarmArn)),
        ("AlarmDescription", Optional(alarm.AlarmDescription)),
        ("AlarmConfigurationUpdatedTimestamp", WireValue.Of(alarm.AlarmConfigurationUpdatedTimestamp)),
        ("ActionsEnabled", WireValue.Of(alarm.ActionsEnabled)),
        ("OKActions", Strings(alarm.OKActions)),
        ("AlarmActions", Strings(alarm.AlarmActions)),
        ("InsufficientDataActions", Strings(alarm.InsufficientDataActions)),
        ("StateValue", WireValue.Of(alarm.StateValue)),
        ("StateReason", WireValue.Of(alarm.StateReason)),
        ("StateReasonData", Optional(alarm.StateReasonData)),
        ("StateUpdatedTimestamp", WireValue.Of(alarm.StateUpdatedTimestamp)),
        ("MetricName", Optional(alarm.MetricName)),
        ("Namespace", Optional(alarm.Namespace)),
        ("Statistic", Optional(alarm.Statistic)),
        ("ExtendedStatistic", Optional(alarm.ExtendedStatistic)),
        ("Dimensions", alarm.Metrics is null ? Dimensions(alarm.Dimensions) : null),
        ("Period", alarm.Period is { } period ? WireValue.OfInteger(period) : null),
        ("Unit", Optional(alarm.Unit)),
        ("EvaluationPeriods", WireValue.OfInteger(alarm.EvaluationPeriods)),
        ("DatapointsToAlarm", alarm.DatapointsToAlarm is { } m ? WireValue.OfInteger(m) : null),
        ("Threshold", alarm.Threshold is { } threshold ? WireValue.Of(threshold) : null),
        ("ComparisonOperator", WireValue.Of(alarm.ComparisonOperator)),
        ("TreatMissingData", Optional(alarm.TreatMissingData)),
        ("EvaluateLowSampleCountPercentile", Optional(alarm.EvaluateLowSampleCountPercentile)),
        ("Metrics", alarm.Metrics is { } queries ? WireValue.List(queries.Select(Query)) : null),
        ("StateTransitionedTimestamp", WireValue.Of(alarm.StateTransitionedTimestamp)));

    /// <summary>The <c>CompositeAlarm</c> shape.</summary>
    public static WireValue Composite(MetricAlarm alarm) => WireValue.Map(
        ("ActionsEnabled", WireValue.Of(alarm.ActionsEnabled)),
        ("AlarmActions", Strings(alarm.AlarmActions)),
        ("AlarmArn", WireValue.Of(alarm.AlarmArn)),
        ("AlarmConfigurationUpdatedTimestamp", WireValue.Of(alarm.AlarmConfigurationUpdatedTimestamp)),
        ("AlarmDescription", Optional(alarm.AlarmDescription)),
        ("AlarmName", WireValue.Of(alarm.AlarmName)),
        ("AlarmRule", WireValue.Of(alarm.AlarmRule!)),
        ("InsufficientDataActions", Strings(alarm.InsufficientDataActions)),
        ("OKActions", Strings(alarm.OKActions)),
        ("StateReason", WireValue.Of(alarm.StateReason)),
        ("StateReasonData", Optional(alarm.StateReasonData)),
        ("StateUpdatedTimestamp", WireValue.Of(alarm.StateUpdatedTimestamp)),
        ("StateValue", WireValue.Of(alarm.StateValue)),
        ("StateTransitionedTimestamp", WireValue.Of(alarm.StateTransitionedTimestamp)),
        ("ActionsSuppressedBy", Optional(alarm.ActionsSuppressedBy)),
        ("ActionsSuppressedReason", Optional(alarm.ActionsSuppressedReason)),
        ("ActionsSuppressor", Optional(alarm.ActionsSuppressor)),
        ("ActionsSuppressorWaitPeriod", alarm.ActionsSuppressorWaitPeriod is { } wait ? WireValue.OfInteger(wait) : null),
        ("ActionsSuppressorExtensionPeriod", alarm.ActionsSuppressorExtensionPeriod is { } extension ? WireValue.OfInteger(extension) : null));

    /// <summary>
    /// What DescribeAlarms gives for ChildrenOfAlarmName (name, ARN, state and its timestamp) and ParentsOfAlarmName
    /// (name and ARN only), as AWS documents.
    /// </summary>
    public static WireValue Brief(MetricAlarm alarm, bool withState) => WireValue.Map(
        ("AlarmName", WireValue.Of(alarm.AlarmName)),
        ("AlarmArn", WireValue.Of(alarm.AlarmArn)),
        ("StateValue", withState ? WireValue.Of(alarm.StateValue) : null),
        ("StateUpdatedTimestamp", withState ? WireValue.Of(alarm.StateUpdatedTimestamp) : null));

    public static WireValue HistoryItem(AlarmHistoryItem item) => WireValue.Map(
        ("AlarmName", WireValue.Of(item.AlarmName)),
        ("AlarmType", WireValue.Of(item.AlarmType)),
        ("Timestamp", WireValue.Of(item.Timestamp)),
        ("HistoryItemType", WireValue.Of(item.HistoryItemType)),
        ("HistorySummary", WireValue.Of(item.HistorySummary)),
        ("HistoryData", WireValue.Of(item.HistoryData)));

    public static WireValue Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        WireValue.List(tags.Select(t => WireValue.Map(("Key", WireValue.Of(t.Key)), ("Value", WireValue.Of(t.Value)))));

    private static WireValue Query(AlarmQuery query) => WireValue.Map(
        ("Id", WireValue.Of(query.Id)),
        ("MetricStat", query.IsMetricStat ? WireValue.Map(
            ("Metric", WireValue.Map(
                ("Namespace", WireValue.Of(query.Namespace!)),
                ("MetricName", WireValue.Of(query.MetricName!)),
                ("Dimensions", Dimensions(query.Dimensions)))),
            ("Period", WireValue.OfInteger(query.Period ?? 60)),
            ("Stat", WireValue.Of(query.Stat!)),
            ("Unit", Optional(query.Unit))) : null),
        ("Expression", Optional(query.Expression)),
        ("Label", Optional(query.Label)),
        ("ReturnData", query.ReturnData is { } returnData ? WireValue.Of(returnData) : null),
        ("Period", !query.IsMetricStat && query.Period is { } period ? WireValue.OfInteger(period) : null),
        ("AccountId", Optional(query.AccountId)));

    private static WireValue Dimensions(IEnumerable<Dimension> dimensions) =>
        WireValue.List(dimensions.Select(d => WireValue.Map(("Name", WireValue.Of(d.Name)), ("Value", WireValue.Of(d.Value)))));

    private static WireValue Strings(IEnumerable<string> values) => WireValue.List(values.Select(WireValue.Of));

    private static WireValue? Optional(string? value) => value is null ? null : WireValue.Of(value);
}
