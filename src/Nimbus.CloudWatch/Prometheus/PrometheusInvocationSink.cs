using System.Collections.Concurrent;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Prometheus;

/// <summary>
/// Keeps the per-function series of <c>/_nimbus/metrics</c> from Lambda's invocation reports. Counting happens
/// in <see cref="Publish"/> itself (a dictionary hit and a few interlocked adds), so a scrape right after an
/// invoke returned already includes it. Series are counted per function name and version across accounts.
/// </summary>
internal sealed class PrometheusInvocationSink : IInvocationReportSink
{
    private readonly ConcurrentDictionary<FunctionSeriesKey, FunctionSeries> _series = new();

    public void Publish(FunctionInvocationReport report)
    {
        var series = _series.GetOrAdd(new FunctionSeriesKey(report.FunctionName, report.ExecutedVersion), _ => new FunctionSeries());
        series.Add(report.IsError, report.IsThrottle, report.InitDurationMs is not null, report.DurationMs, report.InitDurationMs,
            report.BilledDurationMs, report.ConcurrentExecutions);
    }

    /// <summary>The series, ordered by function and version so scrapes are stable.</summary>
    public IEnumerable<KeyValuePair<FunctionSeriesKey, FunctionSeries>> Series =>
        _series.OrderBy(s => s.Key.Function, StringComparer.Ordinal).ThenBy(s => s.Key.Version, StringComparer.Ordinal);
}
