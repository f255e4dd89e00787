namespace Nimbus.Billing.CostExplorer;

/// <summary>One day's (or hour's, from <see cref="Start"/>) usage and marginal cost of one resource under one service and usage type.</summary>
public sealed record CostRow(DateTime Start, string AccountId, string Service, string UsageType, string Resource, decimal Quantity, decimal Cost);
