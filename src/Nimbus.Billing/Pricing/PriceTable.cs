namespace Nimbus.Billing.Pricing;

/// <summary>
/// The prices Nimbus bills with: per service and usage type, tiered, with monthly free-tier pools shared by
/// usage types (Lambda's 1M requests cover x86 and arm64 requests alike).
/// </summary>
public sealed record PriceTable
{
    public string Region { get; init; } = "us-east-1";

    public string Currency { get; init; } = "USD";

    public string? Source { get; init; }

    /// <summary>Monthly allowance of each free-tier pool, in the units of the usage types that draw from it.</summary>
    public IReadOnlyDictionary<string, decimal> FreeTier { get; init; } = new Dictionary<string, decimal>();

    public IReadOnlyDictionary<string, ServicePrices> Services { get; init; } = new Dictionary<string, ServicePrices>();
}
