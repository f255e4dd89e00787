using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Schedules;

namespace Nimbus.EventBridge.Firing;

/// <summary>Something the scheduler fires: a scheduled rule or an EventBridge Scheduler schedule.</summary>
internal abstract class ScheduledJob
{
    protected ScheduledJob(string key, AwsScope scope, ScheduleTiming timing)
    {
        Key = key;
        Scope = scope;
        Timing = timing;
    }

    public string Key { get; }

    public AwsScope Scope { get; }

    public ScheduleTiming Timing { get; }

    /// <summary>A flexible time window: the target is invoked at some moment within it after the tick.</summary>
    public virtual TimeSpan FlexibleWindow => TimeSpan.Zero;

    /// <summary>One-time schedules with <c>ActionAfterCompletion: DELETE</c> are deleted when they fire.</summary>
    public virtual (AwsScope Scope, string Group, string Name)? DeleteAfterCompletion => null;

    /// <summary>The deliveries one tick produces (one per target).</summary>
    public abstract IReadOnlyList<Delivery> Deliveries(DateTimeOffset tick, DateTimeOffset now);

    /// <summary>Why a tick produced no delivery (recorded as a SKIPPED firing so the console shows the tick happened).</summary>
    public abstract SkippedTarget NoDelivery { get; }

    /// <summary>
    /// When a tick is actually fired: the tick itself, or a point in the flexible window. The offset is derived from
    /// the key and the tick so it is the same after a restart.
    /// </summary>
    public DateTimeOffset DueTime(DateTimeOffset tick)
    {
        if (FlexibleWindow <= TimeSpan.Zero)
        {
            return tick;
        }
        var hash = (uint)HashCode.Combine(StableHash(Key), tick.UtcTicks);
        var seconds = (long)FlexibleWindow.TotalSeconds;
        return tick + TimeSpan.FromSeconds(hash % (ulong)seconds);
    }

    private static int StableHash(string text)
    {
        // string.GetHashCode is randomised per process; the window offset must survive restarts.
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash;
    }
}
