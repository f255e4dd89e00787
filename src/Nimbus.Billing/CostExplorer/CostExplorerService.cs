using Nimbus.Billing.Pricing;
using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// Cost Explorer over Nimbus's own usage records and price table: the same money as <c>/_nimbus/costs</c>, cut by
/// period, dimension and tag. Tags are the resources' current tags (<see cref="IResourceTagSource"/>).
/// </summary>
public sealed class CostExplorerService
{
    /// <summary>Groups per page: a longer answer is continued with NextPageToken, one period boundary at a time.</summary>
    public const int PageGroups = 1000;

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    private readonly IUsageStore _store;
    private readonly PriceTable _prices;
    private readonly TimeProvider _time;
    private readonly IResourceTagSource[] _tags;

    public CostExplorerService(IUsageStore store, PriceTable prices, TimeProvider time, IEnumerable<IResourceTagSource> tags)
    {
        _store = store;
        _prices = prices;
        _time = time;
        _tags = tags.ToArray();
    }

    public (IReadOnlyList<CostPeriod> Periods, string? NextPageToken) GetCostAndUsage(AwsScope scope, CostAndUsageQuery query)
    {
        var periods = Periods(query.Start, query.End, query.Granularity);
        var first = 0;
        if (query.NextPageToken is not null && (!int.TryParse(query.NextPageToken, out first) || first < 0 || first >= periods.Count))
        {
            throw CostExplorerErrors.InvalidNextToken();
        }
        var tagCache = new Dictionary<(string, string, string), IReadOnlyDictionary<string, string>>();
        var rows = Rows(scope, query)
            .Select(r => new CostAttributes(r, Tags(tagCache, r), _prices.Services.GetValueOrDefault(r.Service)?.Name ?? ServiceNames.Of(r.Service)))
            .Where(a => query.Filter?.Matches(a) != false)
            .OrderBy(a => a.Row.Start)
            .ToList();
        // As on AWS, figures of a period that is not over yet (or of the current month's bill) are estimated.
        var now = _time.GetUtcNow().UtcDateTime;
        var current = query.Granularity == "HOURLY" ? now : now.Date;

        var results = new List<CostPeriod>();
        var groups = 0;
        // Rows and periods are both in time order: one walk hands each period its rows (HOURLY has hundreds of periods).
        var cursor = 0;
        for (var i = first; i < periods.Count; i++)
        {
            var (start, end) = periods[i];
            while (cursor < rows.Count && rows[cursor].Row.Start < start)
            {
                cursor++;
            }
            var from = cursor;
            while (cursor < rows.Count && rows[cursor].Row.Start < end)
            {
                cursor++;
            }
            var inPeriod = rows.GetRange(from, cursor - from);
            var grouped = query.GroupBy.Count == 0 ? [] : inPeriod
                .GroupBy(r => string.Join('\u0001', query.GroupBy.Select(g => Key(r, g))))
                .Select(g => new CostGroup(g.Key.Split('\u0001'), g.Sum(r => r.Row.Cost), g.Sum(r => r.Row.Quantity)))
                .OrderBy(g => string.Join('\u0001', g.Keys), StringComparer.Ordinal)
                .ToList();
            if (results.Count > 0 && groups + grouped.Count > PageGroups)
            {
                return (results, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            groups += grouped.Count;
            results.Add(new CostPeriod(start, end, inPeriod.Sum(r => r.Row.Cost), inPeriod.Sum(r => r.Row.Quantity), grouped, end > current));
        }
        return (results, null);
    }

    /// <summary>The period split by granularity: hours, whole days, or calendar months clipped to the period.</summary>
    public static IReadOnlyList<(DateTime Start, DateTime End)> Periods(DateTime start, DateTime end, string granularity)
    {
        var periods = new List<(DateTime, DateTime)>();
        for (var at = start; at < end;)
        {
            var next = granularity switch
            {
                "HOURLY" => at.AddHours(1),
                "DAILY" => at.Date.AddDays(1),
                _ => new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1),
            };
            periods.Add((at, next < end ? next : end));
            at = next;
        }
        return periods;
    }

    /// <summary>
    /// The priced usage rows of the query's period. HOURLY reads the hourly totals of the period's days (the hours
    /// before the start of its first day count towards the free tier used) over the daily totals of the month before.
    /// </summary>
    private IReadOnlyList<CostRow> Rows(AwsScope scope, CostAndUsageQuery query)
    {
        var calculator = new CostCalculator(_prices);
        var monthStart = new DateOnly(query.Start.Year, query.Start.Month, 1);
        if (query.Granularity != "HOURLY")
        {
            var (from, to) = (DateOnly.FromDateTime(query.Start), DateOnly.FromDateTime(query.End));
            return DailyCosts.Compute(calculator, _store.Read(monthStart, to.AddDays(-1), scope.AccountId), from, to);
        }
        var oldest = Hour(_time.GetUtcNow().UtcDateTime) - IUsageStore.HourlyRetention;
        if (query.Start < oldest)
        {
            // AWS's own words (a ValidationException): hourly data is kept for 14 days.
            throw CostExplorerErrors.Validation(
                "Start date is more than 14 days ago for hourly granularity. Please adjust start date as we support only 14 days of data at hourly granularity.");
        }
        var daily = _store.Read(monthStart, DateOnly.FromDateTime(query.End), scope.AccountId);
        var hourly = _store.ReadHourly(query.Start.Date, query.End, scope.AccountId);
        return HourlyCosts.Compute(calculator, daily, hourly, query.Start, query.End);
    }

    private static DateTime Hour(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);

    private static string Key(CostAttributes row, (string Type, string Key) group) => group.Type == "TAG"
        ? $"{group.Key}${row.Tags.GetValueOrDefault(group.Key, "")}"
        : row.Dimension(group.Key);

    private IReadOnlyDictionary<string, string> Tags(Dictionary<(string, string, string), IReadOnlyDictionary<string, string>> cache, CostRow row)
    {
        var key = (row.AccountId, row.Service, row.Resource);
        if (!cache.TryGetValue(key, out var tags))
        {
            tags = _tags.FirstOrDefault(t => t.Service == row.Service)?.TagsOf(row.AccountId, row.Resource) ?? NoTags;
            cache[key] = tags;
        }
        return tags;
    }
}
