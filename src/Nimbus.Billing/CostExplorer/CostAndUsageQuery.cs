namespace Nimbus.Billing.CostExplorer;

/// <summary>GetCostAndUsage, parsed: the period (end exclusive), granularity, metric names, up to two groupings and the filter.</summary>
public sealed record CostAndUsageQuery(
    DateOnly Start,
    DateOnly End,
    string Granularity,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<(string Type, string Key)> GroupBy,
    CostFilter? Filter,
    string? NextPageToken);
