namespace Nimbus.Billing.Usage;

/// <summary>One stored total: of a day, or of one hour (0–23, UTC) of that day when <paramref name="Hour"/> is set.</summary>
public sealed record UsageTotal(string AccountId, DateOnly Day, string Service, string UsageType, string Resource, decimal Quantity, int? Hour = null)
{
    /// <summary>The start of the day or hour the total covers, UTC.</summary>
    public DateTime Start => Day.ToDateTime(new TimeOnly(Hour ?? 0, 0), DateTimeKind.Utc);
}
