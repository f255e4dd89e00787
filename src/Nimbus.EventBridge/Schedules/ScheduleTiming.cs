namespace Nimbus.EventBridge.Schedules;

/// <summary>
/// When a schedule's ticks fall, in UTC. Rate ticks count from an anchor (a rule's creation, a schedule's
/// <c>StartDate</c> or creation); cron and at ticks are wall-clock times in <see cref="TimeZone"/>. Daylight saving
/// follows EventBridge Scheduler's documentation: a wall-clock tick that does not exist (clocks spring forward) is
/// skipped, and one that exists twice (clocks fall back) runs once, at its first occurrence
/// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time).
/// </summary>
internal sealed class ScheduleTiming
{
    public ScheduleTiming(ScheduleExpression expression, DateTimeOffset anchor, bool firstTickAtAnchor,
        TimeZoneInfo? timeZone = null, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        Expression = expression;
        // Rate schedules tick on whole seconds, as AWS's minute-precision scheduling never shows sub-second offsets.
        Anchor = new DateTimeOffset(anchor.UtcTicks - anchor.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        FirstTickAtAnchor = firstTickAtAnchor;
        TimeZone = timeZone ?? TimeZoneInfo.Utc;
        Start = start;
        End = end;
    }

    public ScheduleExpression Expression { get; }

    public DateTimeOffset Anchor { get; }

    public bool FirstTickAtAnchor { get; }

    public TimeZoneInfo TimeZone { get; }

    public DateTimeOffset? Start { get; }

    public DateTimeOffset? End { get; }

    /// <summary>The first tick strictly after <paramref name="after"/>, or null when the schedule has no more.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (Start is { } start && after < start)
        {
            after = start.AddTicks(-1);
        }
        var next = Expression.Kind switch
        {
            ScheduleKind.Rate => NextRate(after),
            ScheduleKind.Cron => NextCron(after),
            _ => NextAt(after),
        };
        return next is { } tick && End is { } end && tick > end ? null : next;
    }

    /// <summary>
    /// The next <paramref name="count"/> ticks strictly after <paramref name="after"/> (fewer when the schedule ends), for
    /// the console's "next fire times". The same <see cref="Next"/> the scheduler fires by, so what is shown is what fires.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextTimes(DateTimeOffset after, int count)
    {
        var times = new List<DateTimeOffset>(count);
        for (var tick = Next(after); tick is { } t && times.Count < count; tick = Next(t))
        {
            times.Add(t);
        }
        return times;
    }

    /// <summary>
    /// The latest tick in (<paramref name="after"/>, <paramref name="now"/>], or null. Used after downtime: only the
    /// most recent missed tick is delivered (see docs/compatibility/events.md, "Ticks missed while down").
    /// </summary>
    public DateTimeOffset? LatestUpTo(DateTimeOffset after, DateTimeOffset now)
    {
        if (Expression.Kind == ScheduleKind.Rate)
        {
            var first = NextRate(after);
            if (first > now)
            {
                return null;
            }
            var steps = (now - first).Ticks / Expression.Period.Ticks;
            var latest = first + TimeSpan.FromTicks(steps * Expression.Period.Ticks);
            return Next(latest.AddTicks(-1)) is { } tick && tick <= now ? tick : null;
        }
        DateTimeOffset? found = null;
        for (var tick = Next(after); tick is { } t && t <= now; tick = Next(t))
        {
            found = t;
        }
        return found;
    }

    private DateTimeOffset NextRate(DateTimeOffset after)
    {
        var period = Expression.Period.Ticks;
        var elapsed = (after - Anchor).Ticks;
        var k = elapsed < 0 ? 0 : elapsed / period + 1;
        if (!FirstTickAtAnchor && k < 1)
        {
            k = 1;
        }
        return Anchor + TimeSpan.FromTicks(k * period);
    }

    private DateTimeOffset? NextCron(DateTimeOffset after)
    {
        var cron = Expression.Cron!;
        var wall = TimeZoneInfo.ConvertTime(after, TimeZone).DateTime;
        // An ambiguous hour is walked twice on the wall clock; starting an hour early covers the second pass.
        var cursor = TimeZone.IsAmbiguousTime(wall) ? wall.AddHours(-1) : wall;
        for (var guard = 0; guard < 100_000; guard++)
        {
            if (cron.Next(cursor) is not { } candidate)
            {
                return null;
            }
            cursor = candidate;
            if (ToUtc(candidate) is { } utc && utc > after)
            {
                return utc;
            }
        }
        return null;
    }

    private DateTimeOffset? NextAt(DateTimeOffset after) =>
        ToUtc(Expression.At) is { } utc && utc > after ? utc : null;

    /// <summary>Maps a wall-clock time to UTC: null when it does not exist, its first occurrence when it exists twice.</summary>
    private DateTimeOffset? ToUtc(DateTime wall)
    {
        if (TimeZone.IsInvalidTime(wall))
        {
            return null;
        }
        var offset = TimeZone.IsAmbiguousTime(wall) ? TimeZone.GetAmbiguousTimeOffsets(wall).Max() : TimeZone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }
}
