namespace Nimbus.CloudWatch.Metrics.Service;

/// <param name="StatusCode"><c>Complete</c>, or <c>PartialData</c> when more pages follow.</param>
public sealed record MetricDataResultOutput(string Id, string Label, IReadOnlyList<DateTimeOffset> Timestamps, IReadOnlyList<double> Values, string StatusCode);
