using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>One <c>MetricDatum</c> of PutMetricData. <paramref name="Path"/> names it in errors (<c>MetricData.member.3</c>).</summary>
public sealed record MetricDatumInput(
    string Path,
    string? MetricName,
    IReadOnlyList<Dimension> Dimensions,
    DateTimeOffset? Timestamp,
    double? Value,
    StatisticSetInput? StatisticValues,
    IReadOnlyList<double>? Values,
    IReadOnlyList<double>? Counts,
    string? Unit,
    int? StorageResolution);
