namespace Nimbus.Billing.Pricing;

public sealed record ServicePrices
{
    public string Name { get; init; } = "";

    /// <summary>Usage types in file order; a free-tier pool is consumed in this order.</summary>
    public IReadOnlyDictionary<string, UsageTypePrice> UsageTypes { get; init; } = new Dictionary<string, UsageTypePrice>();
}
