namespace Nimbus.Billing.Pricing;

/// <summary>How one usage type is billed: its unit, tiers, and the free-tier pool it draws from first (if any).</summary>
public sealed record UsageTypePrice
{
    public string Unit { get; init; } = "Units";

    public string? FreeTier { get; init; }

    public IReadOnlyList<PriceTier> Tiers { get; init; } = [];
}
