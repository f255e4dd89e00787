namespace Nimbus.Billing.CostExplorer;

/// <summary>One day's usage and marginal cost of one resource under one service and usage type.</summary>
public sealed record CostRow(DateOnly Day, string AccountId, string Service, string UsageType, string Resource, decimal Quantity, decimal Cost);
