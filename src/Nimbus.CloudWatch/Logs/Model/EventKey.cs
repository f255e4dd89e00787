namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>
/// The position of an event in read order: by timestamp, then by arrival. Pagination tokens carry one, so a
/// page boundary stays put when more events arrive.
/// </summary>
internal readonly record struct EventKey(long Timestamp, long Id) : IComparable<EventKey>
{
    /// <summary>Before every event (timestamps are never negative).</summary>
    public static EventKey Start { get; } = new(-1, 0);

    public int CompareTo(EventKey other)
    {
        var byTime = Timestamp.CompareTo(other.Timestamp);
        return byTime != 0 ? byTime : Id.CompareTo(other.Id);
    }
}
