namespace Nimbus.Billing.Pricing;

/// <summary>A price band: units up to <see cref="UpTo"/> (cumulative over the month; null = no ceiling) cost <see cref="PricePerUnit"/>.</summary>
public sealed record PriceTier
{
    public decimal? UpTo { get; init; }

    public decimal PricePerUnit { get; init; }
}
