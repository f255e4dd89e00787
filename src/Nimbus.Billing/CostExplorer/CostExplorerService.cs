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
        var monthStart = new DateOnly(query.Start.Year, query.Start.Month, 1);
        var usage = _store.Read(monthStart, query.End.AddDays(-1), scope.AccountId);
        var tagCache = new Dictionary<(string, string, string), IReadOnlyDictionary<string, string>>();
        var rows = DailyCosts.Compute(new CostCalculator(_prices), usage, query.Start, query.End)
            .Select(r => new CostAttributes(r, Tags(tagCache, r), _prices.Services.GetValueOrDefault(r.Service)?.Name ?? ServiceNames.Of(r.Service)))
            .Where(a => query.Filter?.Matches(a) != false)
            .ToList();
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

        var results = new List<CostPeriod>();
        var groups = 0;
        for (var i = first; i < periods.Count; i++)
        {
            var (start, end) = periods[i];
            var inPeriod = rows.Where(r => r.Row.Day >= start && r.Row.Day < end).ToList();
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
            // As on AWS, figures of a period that is not over yet (or of the current month's bill) are estimated.
            results.Add(new CostPeriod(start, end, inPeriod.Sum(r => r.Row.Cost), inPeriod.Sum(r => r.Row.Quantity), grouped, end > today));
        }
        return (results, null);
    }

    /// <summary>The period split by granularity: whole days, or calendar months clipped to the period.</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> Periods(DateOnly start, DateOnly end, string granularity)
    {
        var periods = new List<(DateOnly, DateOnly)>();
        for (var at = start; at < end;)
        {
            var next = granularity == "DAILY" ? at.AddDays(1) : new DateOnly(at.Year, at.Month, 1).AddMonths(1);
            periods.Add((at, next < end ? next : end));
            at = next;
        }
        return periods;
    }

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
