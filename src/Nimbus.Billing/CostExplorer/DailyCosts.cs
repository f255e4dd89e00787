using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// Usage priced day by day as the monthly bill prices it: a day's cost of a usage type is the month's cost through
/// that day minus through the day before (so the free tier and tiers apply in order, and a month's days sum to the
/// month's bill), split over the day's resources in proportion to their quantity.
/// </summary>
public static class DailyCosts
{
    /// <param name="usage">Daily totals from the first day of <paramref name="from"/>'s month.</param>
    public static IReadOnlyList<CostRow> Compute(CostCalculator calculator, IReadOnlyList<UsageTotal> usage, DateOnly from, DateOnly toExclusive)
    {
        var rows = new List<CostRow>();
        foreach (var month in usage.GroupBy(u => (u.Day.Year, u.Day.Month)))
        {
            var previous = new Dictionary<(string, string), decimal>();
            var cumulative = new Dictionary<(string Service, string UsageType), decimal>();
            foreach (var day in month.GroupBy(u => u.Day).OrderBy(d => d.Key))
            {
                foreach (var total in day)
                {
                    cumulative[(total.Service, total.UsageType)] = cumulative.GetValueOrDefault((total.Service, total.UsageType)) + total.Quantity;
                }
                var through = calculator.Price(cumulative).Lines.ToDictionary(l => (l.Service, l.UsageType), l => l.Cost);
                if (day.Key >= from && day.Key < toExclusive)
                {
                    foreach (var type in day.GroupBy(u => (u.Service, u.UsageType)))
                    {
                        var cost = through.GetValueOrDefault(type.Key) - previous.GetValueOrDefault(type.Key);
                        var quantity = type.Sum(u => u.Quantity);
                        rows.AddRange(type.Select(u => new CostRow(day.Key, u.AccountId, u.Service, u.UsageType, u.Resource, u.Quantity,
                            quantity == 0 ? 0 : cost * u.Quantity / quantity)));
                    }
                }
                previous = through;
            }
        }
        return rows;
    }
}
