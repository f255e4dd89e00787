namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// GetCostAndUsage, parsed: the period (UTC, end exclusive; whole days unless HOURLY), granularity, metric names,
/// up to two groupings and the filter.
/// </summary>
public sealed record CostAndUsageQuery(
    DateTime Start,
    DateTime End,
    string Granularity,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<(string Type, string Key)> GroupBy,
    CostFilter? Filter,
    string? NextPageToken);
