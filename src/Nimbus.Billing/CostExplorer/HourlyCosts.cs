using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// Usage priced hour by hour as the monthly bill prices it: an hour's cost is the month's cost through that hour
/// (the days before it from the daily totals, that day's hours up to it from the hourly ones) minus through the hour
/// before, so a day's hours add up to its DAILY cost and the month's hours to the month's bill.
/// </summary>
public static class HourlyCosts
{
    /// <param name="daily">Daily totals from the first day of <paramref name="from"/>'s month up to <paramref name="toExclusive"/>'s day.</param>
    /// <param name="hourly">Hourly totals from the start of <paramref name="from"/>'s day up to <paramref name="toExclusive"/>.</param>
    public static IReadOnlyList<CostRow> Compute(CostCalculator calculator, IReadOnlyList<UsageTotal> daily, IReadOnlyList<UsageTotal> hourly,
        DateTime from, DateTime toExclusive)
    {
        var rows = new List<CostRow>();
        foreach (var day in hourly.GroupBy(u => u.Day))
        {
            var before = daily.Where(u => u.Day.Year == day.Key.Year && u.Day.Month == day.Key.Month && u.Day < day.Key)
                .GroupBy(u => (u.Service, u.UsageType))
                .ToDictionary(g => g.Key, g => g.Sum(u => u.Quantity));
            CumulativeCosts.Append(calculator, before, day.GroupBy(u => u.Start), from, toExclusive, rows);
        }
        return rows;
    }
}
