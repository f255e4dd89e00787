namespace Nimbus.Billing.Usage;

/// <summary>Usage to add to one day's total for one account, service, usage type and resource.</summary>
public sealed record UsageIncrement(string AccountId, DateOnly Day, string Service, string UsageType, string Resource, decimal Quantity);
