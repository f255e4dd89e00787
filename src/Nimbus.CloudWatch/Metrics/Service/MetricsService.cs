using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>
/// CloudWatch metrics without HTTP: validates commands as CloudWatch does, merges published values into stored
/// buckets and answers statistics over any period. Percentiles come from each bucket's <see cref="ValueSketch"/>.
/// </summary>
public sealed partial class MetricsService
{
    /// <summary>AWS: at most 1,440 datapoints per GetMetricStatistics call.</summary>
    public const int MaxStatisticsDatapoints = 1440;

    private readonly IMetricStore _store;
    private readonly TimeProvider _time;

    public MetricsService(IMetricStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public MetricStatisticsResult GetMetricStatistics(AwsScope scope, GetMetricStatisticsCommand command)
    {
        MetricsValidation.Metric(command.Metric, "");
        if (command.Statistics.Count == 0 && command.ExtendedStatistics.Count == 0)
        {
            throw MetricsErrors.MissingParameter("Statistics or ExtendedStatistics");
        }
        if (command.Statistics.Count > 0 && command.ExtendedStatistics.Count > 0)
        {
            throw MetricsErrors.InvalidParameterCombination("Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        var statistics = command.Statistics.Select((s, i) => MetricsValidation.StandardStatistic(s, $"Statistics.member.{i + 1}")).Distinct().ToList();
        var extended = command.ExtendedStatistics.Select((s, i) => MetricsValidation.Percentile(s, $"ExtendedStatistics.member.{i + 1}")).Distinct().ToList();
        if (extended.Count > 10)
        {
            throw MetricsErrors.InvalidParameterValue("The collection ExtendedStatistics must not have a size greater than 10.");
        }
        MetricsValidation.Unit(command.Unit, "Unit");
        MetricsValidation.Period(command.Period, "Period");
        var (start, end) = Window(command.StartTime, command.EndTime, command.Period);
        var requested = (long)Math.Ceiling((end - start) / (double)command.Period);
        if (requested > MaxStatisticsDatapoints)
        {
            throw MetricsErrors.InvalidParameterCombination(
                $"You have requested up to {requested:N0} datapoints, which exceeds the limit of {MaxStatisticsDatapoints:N0}. " +
                "You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
        }
        var datapoints = Aggregate(scope, command.Metric, start, end, command.Period, command.Unit);
        return new MetricStatisticsResult(command.Metric.Name, datapoints, statistics, extended);
    }

    public ListMetricsResult ListMetrics(AwsScope scope, ListMetricsCommand command)
    {
        const int PageSize = 500;
        if (command.RecentlyActive is not null && command.RecentlyActive != "PT3H")
        {
            throw MetricsErrors.InvalidValue("RecentlyActive", command.RecentlyActive);
        }
        if (command.DimensionFilters.Count > 10)
        {
            throw MetricsErrors.InvalidParameterValue("The collection Dimensions must not have a size greater than 10.");
        }
        var afterId = 0L;
        if (command.NextToken is not null && !PageTokens.TryDecode(command.NextToken, "lm", out afterId))
        {
            throw MetricsErrors.InvalidNextToken();
        }
        // AWS lists metrics that received data in the past two weeks; RecentlyActive=PT3H narrows it to three hours.
        var since = _time.GetUtcNow() - (command.RecentlyActive is null ? TimeSpan.FromDays(14) : TimeSpan.FromHours(3));
        var found = new List<MetricIdentity>();
        while (found.Count < PageSize)
        {
            var batch = _store.List(scope, command.Namespace, command.MetricName, since, afterId, PageSize);
            foreach (var listed in batch)
            {
                afterId = listed.Id;
                if (Matches(listed.Metric, command.DimensionFilters))
                {
                    found.Add(listed.Metric);
                    if (found.Count == PageSize)
                    {
                        break;
                    }
                }
            }
            if (batch.Count < PageSize)
            {
                return new ListMetricsResult(found, null);
            }
        }
        return new ListMetricsResult(found, PageTokens.Encode("lm", afterId));
    }

    /// <summary>
    /// The window AWS answers: the start rounded down by the data's age (to the minute under 15 days, to 5 minutes
    /// under 63, to the hour beyond; to the period for sub-minute periods), the end exclusive.
    /// </summary>
    private (long Start, long End) Window(DateTimeOffset startTime, DateTimeOffset endTime, int period)
    {
        if (startTime >= endTime)
        {
            throw MetricsErrors.InvalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        var age = _time.GetUtcNow() - startTime;
        var rounding = period < 60 ? period
            : age > TimeSpan.FromDays(63) ? MetricResolutions.Hour
            : age > TimeSpan.FromDays(15) ? MetricResolutions.FiveMinutes
            : MetricResolutions.Minute;
        return (MetricResolutions.BucketOf(startTime, rounding), endTime.ToUnixTimeSeconds() + (endTime.Millisecond > 0 ? 1 : 0));
    }

    /// <summary>Stored buckets grouped into periods of <paramref name="period"/> seconds from <paramref name="start"/>, one datapoint per period and unit.</summary>
    private List<Datapoint> Aggregate(AwsScope scope, MetricIdentity metric, long start, long end, int period, string? unit) =>
        Periods(_store.Read(scope, metric, start, end, unit), start, period);

    /// <summary>Stored buckets grouped into periods of <paramref name="period"/> seconds from <paramref name="start"/>, one datapoint per period and unit.</summary>
    private static List<Datapoint> Periods(IEnumerable<StoredBucket> buckets, long start, int period)
    {
        var periods = new SortedDictionary<(long Start, string Unit), MetricAggregate>();
        foreach (var bucket in buckets)
        {
            var key = (start + (bucket.Bucket - start) / period * period, bucket.Unit);
            if (!periods.TryGetValue(key, out var aggregate))
            {
                periods[key] = aggregate = new MetricAggregate();
            }
            aggregate.Merge(bucket.Aggregate);
        }
        return periods.Select(p => new Datapoint(DateTimeOffset.FromUnixTimeSeconds(p.Key.Start), p.Key.Unit, p.Value)).ToList();
    }

    private static bool Matches(MetricIdentity metric, IReadOnlyList<(string Name, string? Value)> filters) =>
        filters.All(f => metric.Dimensions.Any(d => d.Name == f.Name && (f.Value is null || d.Value == f.Value)));
}
