using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// The figures of many invocation reports of one <see cref="LambdaSeriesKey"/>, one aggregate per metric. A report
/// adds a handful of values here; only the aggregate is expanded into the metric and dimension sets Lambda publishes
/// (<see cref="LambdaMetricSet"/>), so that work is done once per function-minute of a batch, not once per invoke.
/// </summary>
internal sealed class LambdaInvocationAggregate
{
    public MetricAggregate Throttles { get; } = new();

    public MetricAggregate Invocations { get; } = new();

    public MetricAggregate Errors { get; } = new();

    public MetricAggregate Duration { get; } = new();

    public MetricAggregate ConcurrentExecutions { get; } = new();

    public MetricAggregate ColdStarts { get; } = new();

    public MetricAggregate InitDuration { get; } = new();

    /// <summary>
    /// A throttled attempt counts only in <c>Throttles</c>; an invocation counts 0 there, 1 in <c>Invocations</c>,
    /// its error, duration, concurrency and whether it was a cold start.
    /// </summary>
    public void Add(FunctionInvocationReport report)
    {
        Throttles.Add(report.IsThrottle ? 1 : 0);
        if (report.IsThrottle)
        {
            return;
        }
        Invocations.Add(1);
        Errors.Add(report.IsError ? 1 : 0);
        Duration.Add(report.DurationMs);
        ConcurrentExecutions.Add(Math.Max(1, report.ConcurrentExecutions));
        ColdStarts.Add(report.InitDurationMs is null ? 0 : 1);
        if (report.InitDurationMs is { } init)
        {
            InitDuration.Add(init);
        }
    }
}
