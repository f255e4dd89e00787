namespace Nimbus.Core.Metering;

/// <summary>
/// One value of one metric, as PutMetricData would send it: <paramref name="Namespace"/> such as
/// <c>AWS/ApiGateway</c>, the metric's name, its dimensions (one combination; publish once per combination AWS
/// reports, e.g. per API and per API + stage), the value and its CloudWatch unit (<c>Count</c>,
/// <c>Milliseconds</c>, …).
/// </summary>
public sealed record PublishedMetric(
    AwsScope Scope,
    string Namespace,
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Dimensions,
    double Value,
    string Unit,
    DateTimeOffset Timestamp);
