namespace Nimbus.Billing.Reports;

/// <summary>One usage type's month: quantity, the part the free tier covered, and what the rest costs.</summary>
public sealed record UsageLine(string Service, string UsageType, string Unit, decimal Quantity, decimal FreeTierQuantity, decimal Cost);
