namespace Nimbus.Billing.CostExplorer;

/// <summary>One period of GetCostAndUsage: its total (when not grouped) or its groups, each with cost and usage quantity.</summary>
public sealed record CostPeriod(DateOnly Start, DateOnly End, decimal Cost, decimal Quantity, IReadOnlyList<CostGroup> Groups, bool Estimated);
