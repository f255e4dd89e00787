using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// Prices time slots (days or hours) as the monthly bill prices them: a slot's cost of a usage type is the month's
/// cost through that slot minus through the slot before (so the free tier and tiers apply in time order, and the
/// slots sum to the month's bill), split over the slot's resources in proportion to their quantity.
/// </summary>
internal static class CumulativeCosts
{
    /// <param name="cumulative">The month's totals before the first slot; updated slot by slot.</param>
    /// <param name="slots">Totals grouped by slot start, of one month, in any order.</param>
    public static void Append(CostCalculator calculator, Dictionary<(string Service, string UsageType), decimal> cumulative,
        IEnumerable<IGrouping<DateTime, UsageTotal>> slots, DateTime from, DateTime toExclusive, List<CostRow> rows)
    {
        var previous = Priced(calculator, cumulative);
        foreach (var slot in slots.OrderBy(s => s.Key))
        {
            foreach (var total in slot)
            {
                cumulative[(total.Service, total.UsageType)] = cumulative.GetValueOrDefault((total.Service, total.UsageType)) + total.Quantity;
            }
            var through = Priced(calculator, cumulative);
            if (slot.Key >= from && slot.Key < toExclusive)
            {
                foreach (var type in slot.GroupBy(u => (u.Service, u.UsageType)))
                {
                    var cost = through.GetValueOrDefault(type.Key) - previous.GetValueOrDefault(type.Key);
                    var quantity = type.Sum(u => u.Quantity);
                    rows.AddRange(type.Select(u => new CostRow(slot.Key, u.AccountId, u.Service, u.UsageType, u.Resource, u.Quantity,
                        quantity == 0 ? 0 : cost * u.Quantity / quantity)));
                }
            }
            previous = through;
        }
    }

    private static Dictionary<(string, string), decimal> Priced(CostCalculator calculator, Dictionary<(string Service, string UsageType), decimal> totals) =>
        totals.Count == 0 ? [] : calculator.Price(totals).Lines.ToDictionary(l => (l.Service, l.UsageType), l => l.Cost);
}
