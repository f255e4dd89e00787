namespace Nimbus.Billing.Usage;

/// <summary>
/// Durable usage, aggregated per day and per hour: storage grows with days (or hours) × resources × usage types, not
/// with invocations. Hourly totals are kept for <see cref="HourlyRetention"/>, as Cost Explorer keeps hourly data.
/// </summary>
public interface IUsageStore
{
    /// <summary>AWS Cost Explorer serves hourly granularity for the last 14 days.</summary>
    static readonly TimeSpan HourlyRetention = TimeSpan.FromDays(14);

    /// <summary>Adds the increments to their daily totals, and those with an hour to their hourly totals, in one transaction.</summary>
    void Add(IReadOnlyList<UsageIncrement> increments);

    /// <summary>Daily totals from <paramref name="from"/> to <paramref name="to"/> inclusive, optionally of one account.</summary>
    IReadOnlyList<UsageTotal> Read(DateOnly from, DateOnly to, string? accountId);

    /// <summary>Hourly totals (<see cref="UsageTotal.Hour"/> set) of the hours starting in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    IReadOnlyList<UsageTotal> ReadHourly(DateTime from, DateTime to, string? accountId);
}
