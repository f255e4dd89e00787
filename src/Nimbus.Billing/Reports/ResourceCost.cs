namespace Nimbus.Billing.Reports;

/// <summary>
/// A resource's (function's, bucket's, table's) share of the bill: each usage type's cost split in proportion to
/// the resource's quantity, so free tier and volume discounts are shared out the same way.
/// </summary>
public sealed record ResourceCost(string Service, string Resource, decimal Cost, IReadOnlyDictionary<string, decimal> Quantities);
