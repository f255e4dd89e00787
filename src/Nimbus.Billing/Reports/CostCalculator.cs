using Nimbus.Billing.Pricing;
using Nimbus.Billing.Usage;

namespace Nimbus.Billing.Reports;

/// <summary>
/// Prices a month of usage like AWS's bill: per usage type, the monthly total first draws down its free-tier pool
/// (pools are shared, consumed in price-table order), the rest is priced through the tiers, cheapest last. Usage
/// types missing from the price table are listed at zero cost. Pure: no clock, no storage.
/// </summary>
public sealed class CostCalculator
{
    private readonly PriceTable _prices;

    public CostCalculator(PriceTable prices)
    {
        _prices = prices;
    }

    public CostReport Report(int year, int month, IReadOnlyList<UsageTotal> usage, DateTimeOffset now)
    {
        var first = new DateOnly(year, month, 1);
        var daysInMonth = DateTime.DaysInMonth(year, month);
        var inMonth = usage.Where(u => u.Day.Year == year && u.Day.Month == month).ToList();
        var (lines, freeTier) = Price(Totals(inMonth));
        var total = lines.Sum(l => l.Cost);

        var days = new List<(DateOnly, decimal)>();
        var before = 0m;
        var lastDay = inMonth.Count == 0 ? first : inMonth.Max(u => u.Day);
        for (var day = first; day <= lastDay; day = day.AddDays(1))
        {
            var through = Price(Totals(inMonth.Where(u => u.Day <= day))).Lines.Sum(l => l.Cost);
            days.Add((day, through - before));
            before = through;
        }

        var monthStart = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var elapsed = (decimal)(now - monthStart).TotalDays;
        var projected = elapsed <= 0 ? 0m
            : elapsed >= daysInMonth ? total
            : Price(Totals(inMonth).ToDictionary(t => t.Key, t => t.Value * daysInMonth / elapsed)).Lines.Sum(l => l.Cost);

        var resources = inMonth.GroupBy(u => (u.Service, u.Resource)).Select(g =>
        {
            var quantities = g.GroupBy(u => u.UsageType).ToDictionary(t => t.Key, t => t.Sum(u => u.Quantity));
            var cost = quantities.Sum(q => lines.FirstOrDefault(l => l.Service == g.Key.Service && l.UsageType == q.Key) is { Quantity: > 0 } line
                ? line.Cost * q.Value / line.Quantity
                : 0m);
            return new ResourceCost(g.Key.Service, g.Key.Resource, cost, quantities);
        }).OrderByDescending(r => r.Cost).ThenBy(r => r.Resource, StringComparer.Ordinal).ToList();

        return new CostReport(year, month, _prices.Currency, total, projected, lines, resources, freeTier, days);
    }

    /// <summary>Prices monthly totals per (service, usage type).</summary>
    public (IReadOnlyList<UsageLine> Lines, IReadOnlyList<FreeTierUse> FreeTier) Price(IReadOnlyDictionary<(string Service, string UsageType), decimal> totals)
    {
        var pools = _prices.FreeTier.ToDictionary(p => p.Key, p => p.Value);
        var lines = new List<UsageLine>();
        // Price-table order first (it fixes which usage type a shared free-tier pool covers first), then the rest.
        var ordered = _prices.Services.SelectMany(s => s.Value.UsageTypes.Keys.Select(u => (s.Key, u))).Where(totals.ContainsKey)
            .Concat(totals.Keys.OrderBy(k => k.Service, StringComparer.Ordinal).ThenBy(k => k.UsageType, StringComparer.Ordinal))
            .Distinct();
        foreach (var key in ordered)
        {
            var quantity = totals[key];
            var price = _prices.Services.GetValueOrDefault(key.Item1)?.UsageTypes.GetValueOrDefault(key.Item2);
            if (price is null)
            {
                lines.Add(new UsageLine(key.Item1, key.Item2, "Units", quantity, 0, 0));
                continue;
            }
            var free = 0m;
            if (price.FreeTier is { } pool && pools.TryGetValue(pool, out var left))
            {
                free = Math.Min(left, quantity);
                pools[pool] = left - free;
            }
            lines.Add(new UsageLine(key.Item1, key.Item2, price.Unit, quantity, free, Tiered(price.Tiers, quantity - free)));
        }
        var freeTier = _prices.FreeTier.Select(p => new FreeTierUse(p.Key, p.Value, p.Value - pools[p.Key])).ToList();
        return (lines, freeTier);
    }

    private static decimal Tiered(IReadOnlyList<PriceTier> tiers, decimal quantity)
    {
        var cost = 0m;
        var floor = 0m;
        foreach (var tier in tiers)
        {
            if (quantity <= floor)
            {
                break;
            }
            var ceiling = tier.UpTo ?? decimal.MaxValue;
            cost += (Math.Min(quantity, ceiling) - floor) * tier.PricePerUnit;
            floor = ceiling;
        }
        return cost;
    }

    private static Dictionary<(string Service, string UsageType), decimal> Totals(IEnumerable<UsageTotal> usage) =>
        usage.GroupBy(u => (u.Service, u.UsageType)).ToDictionary(g => g.Key, g => g.Sum(u => u.Quantity));
}
