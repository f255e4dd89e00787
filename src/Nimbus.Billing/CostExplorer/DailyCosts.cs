using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;

namespace Nimbus.Billing.CostExplorer;

/// <summary>Usage priced day by day as the monthly bill prices it (<see cref="CumulativeCosts"/>).</summary>
public static class DailyCosts
{
    /// <param name="usage">Daily totals from the first day of <paramref name="from"/>'s month.</param>
    public static IReadOnlyList<CostRow> Compute(CostCalculator calculator, IReadOnlyList<UsageTotal> usage, DateOnly from, DateOnly toExclusive)
    {
        var rows = new List<CostRow>();
        foreach (var month in usage.GroupBy(u => (u.Day.Year, u.Day.Month)))
        {
            CumulativeCosts.Append(calculator, [], month.GroupBy(u => u.Start), Utc(from), Utc(toExclusive), rows);
        }
        return rows;
    }

    internal static DateTime Utc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
