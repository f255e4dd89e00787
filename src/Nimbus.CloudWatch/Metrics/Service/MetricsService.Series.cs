using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>Many MetricStat series at once (the alarm evaluator's pass): each distinct metric is read once, over one connection.</summary>
public sealed partial class MetricsService
{
    /// <summary>
    /// The series of each request, period start (epoch seconds) → value, exactly as GetMetricData answers a MetricStat
    /// query. Requests of the same metric share one read covering all their windows.
    /// </summary>
    public IReadOnlyList<SortedDictionary<long, double>> StatisticSeries(AwsScope scope, IReadOnlyList<StatisticSeriesRequest> requests)
    {
        var windows = requests.Select(r => Window(r.StartTime, r.EndTime, r.Period)).ToArray();
        var byMetric = Enumerable.Range(0, requests.Count).GroupBy(i => requests[i].Metric).ToList();
        var reads = byMetric.Select(g => new MetricRead(g.Key, g.Min(i => windows[i].Start), g.Max(i => windows[i].End), null)).ToList();
        var answers = _store.ReadMany(scope, reads);
        var series = new SortedDictionary<long, double>[requests.Count];
        for (var m = 0; m < byMetric.Count; m++)
        {
            foreach (var i in byMetric[m])
            {
                var (start, end) = windows[i];
                var unit = requests[i].Unit;
                var buckets = answers[m].Where(b => b.Bucket >= start && b.Bucket < end && (unit is null || b.Unit == unit));
                series[i] = StatisticValues(Periods(buckets, start, requests[i].Period), MetricsValidation.AnyStatistic(requests[i].Stat, "Stat"));
            }
        }
        return series;
    }

    /// <summary>One value per period; with several units in one period CloudWatch's GetMetricData returns one value: the first unit's.</summary>
    private static SortedDictionary<long, double> StatisticValues(IEnumerable<Datapoint> points, Statistic statistic)
    {
        var values = new SortedDictionary<long, double>();
        foreach (var point in points)
        {
            if (point.Aggregate.Statistic(statistic) is { } value)
            {
                values.TryAdd(point.Timestamp.ToUnixTimeSeconds(), value);
            }
        }
        return values;
    }
}
