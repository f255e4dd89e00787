using Nimbus.EventBridge.Schedules;

namespace Nimbus.EventBridge.Tests;

/// <summary>Schedule expressions as AWS parses them, and when their ticks fall, including across daylight-saving changes.</summary>
public sealed class ScheduleTimingTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("rate(1 minute)", true)]
    [InlineData("rate(5 minutes)", true)]
    [InlineData("rate(1 hour)", true)]
    [InlineData("rate(12 hours)", true)]
    [InlineData("rate(1 day)", true)]
    [InlineData("rate(7 days)", true)]
    [InlineData("rate(1 minutes)", false)]
    [InlineData("rate(5 minute)", false)]
    [InlineData("rate(0 minutes)", false)]
    [InlineData("rate(-1 minutes)", false)]
    [InlineData("rate(1 week)", false)]
    [InlineData("rate(1  minute)", false)]
    [InlineData("cron(0 12 * * ? *)", true)]
    [InlineData("cron(0 18 ? * MON-FRI *)", true)]
    [InlineData("cron(15 10 ? * 6L 2022-2023)", true)]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", true)]
    [InlineData("cron(* * * * * *)", false)]
    [InlineData("cron(0 12 * * ?)", false)]
    [InlineData("cron(60 12 * * ? *)", false)]
    [InlineData("cron(0 24 * * ? *)", false)]
    [InlineData("cron(0 12 32 * ? *)", false)]
    [InlineData("cron(0 12 ? * 8 *)", false)]
    [InlineData("cron(0 12 ? * 2#6 *)", false)]
    [InlineData("cron(0 12 ? ? ? *)", false)]
    [InlineData("cron(0 12 * * ? 1969)", false)]
    [InlineData("at(2030-01-01T00:00:00)", false)]
    [InlineData("every 5 minutes", false)]
    public void RuleExpressions_AreValidatedAsAwsDoes(string expression, bool valid) =>
        Assert.Equal(valid, ScheduleExpression.Parse(expression, allowAt: false) is not null);

    [Theory]
    [InlineData("at(2030-01-01T00:00:00)", true)]
    [InlineData("at(2030-13-01T00:00:00)", false)]
    [InlineData("at(2030-01-01 00:00:00)", false)]
    public void SchedulerAcceptsAt(string expression, bool valid) =>
        Assert.Equal(valid, ScheduleExpression.Parse(expression, allowAt: true) is not null);

    [Fact]
    public void Cron_SpringForward_SkipsTheMissingTime()
    {
        // 2024-03-10: New York clocks jump from 02:00 to 03:00, so 02:30 does not exist that day.
        var timing = Timing("cron(30 2 * * ? *)", NewYork);
        var ticks = Ticks(timing, DateTimeOffset.Parse("2024-03-09T00:00:00Z"), 3);
        Assert.Equal(
        [
            DateTimeOffset.Parse("2024-03-09T02:30:00-05:00"),
            DateTimeOffset.Parse("2024-03-11T02:30:00-04:00"),
            DateTimeOffset.Parse("2024-03-12T02:30:00-04:00"),
        ], ticks);
    }

    [Fact]
    public void Cron_FallBack_RunsTheRepeatedTimeOnce()
    {
        // 2024-11-03: 01:00–02:00 happens twice in New York; a 01:30 schedule runs once, at the first 01:30 (EDT).
        var timing = Timing("cron(30 1 * * ? *)", NewYork);
        var ticks = Ticks(timing, DateTimeOffset.Parse("2024-11-02T12:00:00Z"), 3);
        Assert.Equal(
        [
            DateTimeOffset.Parse("2024-11-03T01:30:00-04:00"),
            DateTimeOffset.Parse("2024-11-04T01:30:00-05:00"),
            DateTimeOffset.Parse("2024-11-05T01:30:00-05:00"),
        ], ticks);
    }

    [Fact]
    public void Cron_EveryQuarterHour_AcrossFallBack_NeverRepeatsAWallClockTime()
    {
        var timing = Timing("cron(0/15 * * * ? *)", NewYork);
        var ticks = Ticks(timing, DateTimeOffset.Parse("2024-11-03T04:00:00Z"), 12);
        // 00:00 … 01:45 EDT, then straight to 02:00 EST: the second pass of 01:xx is not run again.
        Assert.Equal(ticks.Count, ticks.Select(t => TimeZoneInfo.ConvertTime(t, NewYork).DateTime).Distinct().Count());
        Assert.Contains(DateTimeOffset.Parse("2024-11-03T01:45:00-04:00"), ticks);
        Assert.Contains(DateTimeOffset.Parse("2024-11-03T02:00:00-05:00"), ticks);
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void Rate_Days_Are24Hours_EvenAcrossDaylightSaving()
    {
        var start = DateTimeOffset.Parse("2024-03-09T12:00:00Z");
        var timing = new ScheduleTiming(ScheduleExpression.Parse("rate(1 day)", allowAt: true)!, start, firstTickAtAnchor: true, NewYork);
        Assert.Equal([start, start.AddDays(1), start.AddDays(2)], Ticks(timing, start.AddTicks(-1), 3));
    }

    [Fact]
    public void StartAndEndDate_BoundTheTicks()
    {
        var start = DateTimeOffset.Parse("2024-01-01T10:00:00Z");
        var timing = new ScheduleTiming(ScheduleExpression.Parse("cron(0 * * * ? *)", allowAt: true)!, start, true, TimeZoneInfo.Utc,
            start.AddMinutes(30), start.AddHours(3));
        Assert.Equal([start.AddHours(1), start.AddHours(2), start.AddHours(3)], Ticks(timing, DateTimeOffset.Parse("2023-12-31T00:00:00Z"), 10));
    }

    [Fact]
    public void At_IsOneTickInItsTimeZone()
    {
        var timing = Timing("at(2030-06-01T09:00:00)", NewYork);
        Assert.Equal([DateTimeOffset.Parse("2030-06-01T09:00:00-04:00")], Ticks(timing, DateTimeOffset.Parse("2030-01-01T00:00:00Z"), 5));
    }

    private static ScheduleTiming Timing(string expression, TimeZoneInfo zone) =>
        new(ScheduleExpression.Parse(expression, allowAt: true)!, DateTimeOffset.UnixEpoch, firstTickAtAnchor: true, zone);

    private static List<DateTimeOffset> Ticks(ScheduleTiming timing, DateTimeOffset after, int count)
    {
        var ticks = new List<DateTimeOffset>();
        for (var tick = timing.Next(after); tick is { } t && ticks.Count < count; tick = timing.Next(t))
        {
            ticks.Add(t);
        }
        return ticks;
    }
}
