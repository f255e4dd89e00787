using System.Text.RegularExpressions;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>GetMetricData: metric statistics and math expressions, paginated by timestamp.</summary>
public sealed partial class MetricsService
{
    public const int MaxQueries = 500;
    public const int DefaultMaxDatapoints = 100_800;

    public GetMetricDataResult GetMetricData(AwsScope scope, GetMetricDataCommand command)
    {
        if (command.Queries.Count == 0)
        {
            throw MetricsErrors.MissingParameter("MetricDataQueries");
        }
        if (command.Queries.Count > MaxQueries)
        {
            throw MetricsErrors.InvalidParameterValue($"The collection MetricDataQueries must not have a size greater than {MaxQueries}.");
        }
        var descending = command.ScanBy switch
        {
            null or "TimestampDescending" => true,
            "TimestampAscending" => false,
            _ => throw MetricsErrors.InvalidValue("ScanBy", command.ScanBy),
        };
        var maxDatapoints = command.MaxDatapoints ?? DefaultMaxDatapoints;
        if (maxDatapoints <= 0)
        {
            throw MetricsErrors.InvalidValue("MaxDatapoints", maxDatapoints);
        }
        long? resumeAfter = null;
        if (command.NextToken is not null)
        {
            resumeAfter = PageTokens.TryDecode(command.NextToken, descending ? "gmd-" : "gmd+", out var position) ? position : throw MetricsErrors.InvalidNextToken();
        }
        ValidateQueries(command.Queries);

        var series = new Dictionary<string, SortedDictionary<long, double>>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var query in command.Queries.Where(q => q.MetricStat is not null))
        {
            var stat = query.MetricStat!;
            var period = stat.Period!.Value;
            var statistic = MetricsValidation.AnyStatistic(stat.Stat!, query.Path + ".MetricStat.Stat");
            var (start, end) = Window(command.StartTime, command.EndTime, period);
            series[query.Id!] = StatisticValues(Aggregate(scope, stat.Metric, start, end, period, stat.Unit), statistic);
            labels[query.Id!] = query.Label ?? stat.Metric.Name;
        }
        var math = new MetricMath(series);
        foreach (var query in command.Queries.Where(q => q.Expression is not null))
        {
            series[query.Id!] = math.Evaluate(query.Id!, query.Expression!, command.Queries.Where(q => q.Expression is not null).ToDictionary(q => q.Id!, q => q.Expression!));
            labels[query.Id!] = query.Label ?? query.Id!;
        }

        var returned = command.Queries.Where(q => q.ReturnData).ToList();
        var timestamps = returned.SelectMany(q => series[q.Id!].Keys).Distinct();
        timestamps = descending ? timestamps.OrderDescending() : timestamps.Order();
        if (resumeAfter is { } after)
        {
            timestamps = timestamps.Where(t => descending ? t < after : t > after);
        }
        var page = new HashSet<long>();
        var budget = maxDatapoints;
        long? last = null;
        var more = false;
        foreach (var timestamp in timestamps)
        {
            var cost = returned.Count(q => series[q.Id!].ContainsKey(timestamp));
            if (cost > budget && page.Count > 0)
            {
                more = true;
                break;
            }
            page.Add(timestamp);
            budget -= cost;
            last = timestamp;
        }
        var status = more ? "PartialData" : "Complete";
        var results = returned.Select(q =>
        {
            var points = series[q.Id!].Where(p => page.Contains(p.Key));
            points = descending ? points.OrderByDescending(p => p.Key) : points.OrderBy(p => p.Key);
            var list = points.ToList();
            return new MetricDataResultOutput(q.Id!, labels[q.Id!], list.Select(p => DateTimeOffset.FromUnixTimeSeconds(p.Key)).ToList(), list.Select(p => p.Value).ToList(), status);
        }).ToList();
        return new GetMetricDataResult(results, more ? PageTokens.Encode(descending ? "gmd-" : "gmd+", last!.Value) : null);
    }

    private static void ValidateQueries(IReadOnlyList<MetricDataQueryInput> queries)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            if (query.Id is null)
            {
                throw MetricsErrors.MissingParameter(query.Path + ".Id");
            }
            if (!MetricIdPattern().IsMatch(query.Id) || query.Id.Length > 255)
            {
                throw MetricsErrors.InvalidValue(query.Path + ".Id", query.Id);
            }
            if (!ids.Add(query.Id))
            {
                throw MetricsErrors.InvalidParameterValue($"The value {query.Id} for parameter {query.Path}.Id is used more than once.");
            }
            if ((query.MetricStat is null) == (query.Expression is null))
            {
                throw MetricsErrors.InvalidParameterCombination($"Exactly one element of {query.Path}.MetricStat and {query.Path}.Expression must be specified.");
            }
            if (query.MetricStat is { } stat)
            {
                MetricsValidation.Metric(stat.Metric, query.Path + ".MetricStat.Metric.");
                if (stat.Period is null)
                {
                    throw MetricsErrors.MissingParameter(query.Path + ".MetricStat.Period");
                }
                MetricsValidation.Period(stat.Period.Value, query.Path + ".MetricStat.Period");
                if (stat.Stat is null)
                {
                    throw MetricsErrors.MissingParameter(query.Path + ".MetricStat.Stat");
                }
                MetricsValidation.AnyStatistic(stat.Stat, query.Path + ".MetricStat.Stat");
                MetricsValidation.Unit(stat.Unit, query.Path + ".MetricStat.Unit");
            }
        }
        if (!queries.Any(q => q.ReturnData))
        {
            throw MetricsErrors.InvalidParameterValue("At least one MetricDataQuery must have ReturnData set to true.");
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]*$")]
    private static partial Regex MetricIdPattern();
}
