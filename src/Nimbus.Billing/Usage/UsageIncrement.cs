namespace Nimbus.Billing.Usage;

/// <summary>
/// Usage to add to one day's total for one account, service, usage type and resource. <paramref name="Hour"/> (0–23,
/// UTC) is the hour the usage happened in: it also goes to the hourly totals Cost Explorer's HOURLY granularity reads.
/// An increment without an hour (a hand-seeded day total) counts only by the day.
/// </summary>
public sealed record UsageIncrement(string AccountId, DateOnly Day, string Service, string UsageType, string Resource, decimal Quantity, int? Hour = null);
