namespace Nimbus.Billing.CostExplorer;

/// <summary>One period of GetCostAndUsage (UTC, end exclusive): its total (when not grouped) or its groups, each with cost and usage quantity.</summary>
public sealed record CostPeriod(DateTime Start, DateTime End, decimal Cost, decimal Quantity, IReadOnlyList<CostGroup> Groups, bool Estimated);
