namespace Nimbus.Billing.Usage;

/// <summary>One stored daily total.</summary>
public sealed record UsageTotal(string AccountId, DateOnly Day, string Service, string UsageType, string Resource, decimal Quantity);
