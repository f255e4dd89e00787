namespace Nimbus.Billing.Usage;

/// <summary>
/// Durable usage, aggregated per day: storage grows with days × resources × usage types, not with invocations.
/// </summary>
public interface IUsageStore
{
    /// <summary>Adds the increments to their daily totals in one transaction.</summary>
    void Add(IReadOnlyList<UsageIncrement> increments);

    /// <summary>Daily totals from <paramref name="from"/> to <paramref name="to"/> inclusive, optionally of one account.</summary>
    IReadOnlyList<UsageTotal> Read(DateOnly from, DateOnly to, string? accountId);
}
