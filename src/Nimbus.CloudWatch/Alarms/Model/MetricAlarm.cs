using System.Text.Json.Serialization;
using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Alarms.Model;

/// <summary>
/// An alarm as CloudWatch's <c>MetricAlarm</c> shape describes it: its configuration (one metric with a statistic, or
/// metric-math <see cref="Metrics"/>), its actions and its current state. Stored as one JSON document. A composite
/// alarm (<c>CompositeAlarm</c>) is the same record with an <see cref="AlarmRule"/> and no metric: both kinds share
/// one name space, one store, the state machine, history, actions and tags.
/// </summary>
public sealed record MetricAlarm
{
    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string AlarmName { get; init; }

    public required string AlarmArn { get; init; }

    public string? AlarmDescription { get; init; }

    public bool ActionsEnabled { get; init; } = true;

    public IReadOnlyList<string> OKActions { get; init; } = [];

    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];

    public required string StateValue { get; init; }

    public required string StateReason { get; init; }

    public string? StateReasonData { get; init; }

    public DateTimeOffset StateUpdatedTimestamp { get; init; }

    public DateTimeOffset StateTransitionedTimestamp { get; init; }

    public DateTimeOffset AlarmConfigurationUpdatedTimestamp { get; init; }

    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];

    public string? Statistic { get; init; }

    public string? ExtendedStatistic { get; init; }

    public int? Period { get; init; }

    public string? Unit { get; init; }

    public int EvaluationPeriods { get; init; }

    public int? DatapointsToAlarm { get; init; }

    public double? Threshold { get; init; }

    public string? ThresholdMetricId { get; init; }

    public required string ComparisonOperator { get; init; }

    public string? TreatMissingData { get; init; }

    public string? EvaluateLowSampleCountPercentile { get; init; }

    /// <summary>Metric-math alarms: the queries; exactly one has ReturnData true and is the evaluated series.</summary>
    public IReadOnlyList<AlarmQuery>? Metrics { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>Composite alarms: the rule over other alarms' states; null for metric alarms.</summary>
    public string? AlarmRule { get; init; }

    /// <summary>Composite alarms: the alarm (name or ARN) whose ALARM state suppresses this alarm's actions.</summary>
    public string? ActionsSuppressor { get; init; }

    public int? ActionsSuppressorWaitPeriod { get; init; }

    public int? ActionsSuppressorExtensionPeriod { get; init; }

    /// <summary><c>Alarm</c>, <c>WaitPeriod</c> or <c>ExtensionPeriod</c> when the last transition's actions are suppressed, else null.</summary>
    public string? ActionsSuppressedBy { get; init; }

    public string? ActionsSuppressedReason { get; init; }

    /// <summary>Composite alarms: actions held back by the suppressor's wait or extension period.</summary>
    public PendingActions? PendingActions { get; init; }

    /// <summary>The state before the last transition (a suppressor's ExtensionPeriod starts when it leaves ALARM).</summary>
    public string? PreviousStateValue { get; init; }

    [JsonIgnore]
    public bool IsComposite => AlarmRule is not null;

    /// <summary>The end (epoch seconds) of the last period the evaluator looked at, so each period is evaluated once.</summary>
    public long LastEvaluatedEnd { get; init; }

    /// <summary>The datapoints the alarm needs breaching: DatapointsToAlarm, defaulting to EvaluationPeriods.</summary>
    public int Required => DatapointsToAlarm ?? EvaluationPeriods;

    /// <summary>The period of the evaluated series: the alarm's, or the returned query's for metric-math alarms.</summary>
    public int EvaluatedPeriod => Period ?? Metrics?.FirstOrDefault(q => q.ReturnData != false && q.Expression is null)?.Period
        ?? Metrics?.Where(q => q.Period is not null).Select(q => q.Period).FirstOrDefault() ?? 60;
}
