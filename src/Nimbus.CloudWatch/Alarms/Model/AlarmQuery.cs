using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Alarms.Model;

/// <summary>One <c>MetricDataQuery</c> of a metric-math alarm: a metric statistic or an expression over others.</summary>
public sealed record AlarmQuery
{
    public required string Id { get; init; }

    public string? Namespace { get; init; }

    public string? MetricName { get; init; }

    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];

    /// <summary>The MetricStat period, or the query's own Period for expressions.</summary>
    public int? Period { get; init; }

    public string? Stat { get; init; }

    public string? Unit { get; init; }

    public string? Expression { get; init; }

    public string? Label { get; init; }

    public bool? ReturnData { get; init; }

    public string? AccountId { get; init; }

    public bool IsMetricStat => Expression is null;
}
