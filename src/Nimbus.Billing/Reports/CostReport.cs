namespace Nimbus.Billing.Reports;

/// <param name="Total">Cost of the usage so far this month (full precision; round to cents for display).</param>
/// <param name="ProjectedMonthEnd">Usage so far extrapolated linearly to the whole month, then priced (tiers and free tier included).</param>
/// <param name="Days">Each day's cost: the month's cost through that day minus through the day before.</param>
public sealed record CostReport(
    int Year,
    int Month,
    string Currency,
    decimal Total,
    decimal ProjectedMonthEnd,
    IReadOnlyList<UsageLine> Lines,
    IReadOnlyList<ResourceCost> Resources,
    IReadOnlyList<FreeTierUse> FreeTier,
    IReadOnlyList<(DateOnly Day, decimal Cost)> Days);
