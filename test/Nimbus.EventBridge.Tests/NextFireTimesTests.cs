using Nimbus.EventBridge.Schedules;

namespace Nimbus.EventBridge.Tests;

/// <summary>
/// The console's "next five fire times", computed by <see cref="ScheduleTiming.NextTimes"/> (the same evaluator the
/// scheduler fires by) and checked against times worked out by hand.
/// </summary>
public sealed class NextFireTimesTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static ScheduleTiming Timing(string expression, DateTimeOffset anchor, bool firstTickAtAnchor = false, TimeZoneInfo? zone = null,
        DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new(ScheduleExpression.Parse(expression, allowAt: true)!, anchor, firstTickAtAnchor, zone, start, end);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void CronWithDaysOfWeek_SkipsTheWeekend()
    {
        // Thursday 2026-11-26 13:00 UTC: noon has passed, so Friday, then Monday to Thursday of the next week.
        var next = Timing("cron(0 12 ? * MON-FRI *)", Utc("2026-01-01T00:00:00Z")).NextTimes(Utc("2026-11-26T13:00:00Z"), 5);
        Assert.Equal(
            new[] { "2026-11-27T12:00:00Z", "2026-11-30T12:00:00Z", "2026-12-01T12:00:00Z", "2026-12-02T12:00:00Z", "2026-12-03T12:00:00Z" }.Select(Utc),
            next);
    }

    [Fact]
    public void CronNthWeekdayAndLastDay_FollowAwsSyntax()
    {
        // 2#1: the first Monday of each month, at 09:15.
        var firstMondays = Timing("cron(15 9 ? * 2#1 *)", Utc("2026-01-01T00:00:00Z")).NextTimes(Utc("2026-11-27T00:00:00Z"), 3);
        Assert.Equal(new[] { "2026-12-07T09:15:00Z", "2027-01-04T09:15:00Z", "2027-02-01T09:15:00Z" }.Select(Utc), firstMondays);
        // L in day-of-month: the last day of each month (February 2028 is a leap year).
        var lastDays = Timing("cron(0 0 L * ? *)", Utc("2026-01-01T00:00:00Z")).NextTimes(Utc("2028-01-15T00:00:00Z"), 3);
        Assert.Equal(new[] { "2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z" }.Select(Utc), lastDays);
    }

    [Fact]
    public void CronInATimeZone_FollowsItsClock_AcrossTheEndOfDaylightSaving()
    {
        // 08:30 on Mondays in New York; DST ends on Sunday 2026-11-01, so 12:30 UTC (EDT) becomes 13:30 UTC (EST).
        var next = Timing("cron(30 8 ? * MON *)", Utc("2026-01-01T00:00:00Z"), zone: NewYork).NextTimes(Utc("2026-10-20T00:00:00Z"), 5);
        Assert.Equal(
            new[] { "2026-10-26T12:30:00Z", "2026-11-02T13:30:00Z", "2026-11-09T13:30:00Z", "2026-11-16T13:30:00Z", "2026-11-23T13:30:00Z" }.Select(Utc),
            next);
    }

    [Fact]
    public void CronInATimeZoneAheadOfUtc_FiresTheDayBeforeInUtc()
    {
        // 07:00 in Tokyo (UTC+9, no DST) is 22:00 UTC the previous day.
        var next = Timing("cron(0 7 * * ? *)", Utc("2026-01-01T00:00:00Z"), zone: Tokyo).NextTimes(Utc("2026-11-27T23:00:00Z"), 2);
        Assert.Equal(new[] { "2026-11-28T22:00:00Z", "2026-11-29T22:00:00Z" }.Select(Utc), next);
    }

    [Fact]
    public void Rate_CountsFromItsAnchor()
    {
        // A rule created at 10:00:30.700 ticks every 15 minutes from 10:00:30 (whole seconds), first one period later.
        var rule = Timing("rate(15 minutes)", Utc("2026-11-27T10:00:30.700Z")).NextTimes(Utc("2026-11-27T10:20:00Z"), 5);
        Assert.Equal(
            new[] { "2026-11-27T10:30:30Z", "2026-11-27T10:45:30Z", "2026-11-27T11:00:30Z", "2026-11-27T11:15:30Z", "2026-11-27T11:30:30Z" }.Select(Utc),
            rule);
        // A Scheduler schedule starts at its anchor.
        var schedule = Timing("rate(1 day)", Utc("2026-12-01T06:00:00Z"), firstTickAtAnchor: true).NextTimes(Utc("2026-11-27T00:00:00Z"), 2);
        Assert.Equal(new[] { "2026-12-01T06:00:00Z", "2026-12-02T06:00:00Z" }.Select(Utc), schedule);
    }

    [Fact]
    public void At_HasOneTimeInItsZone_AndNoneOnceItPassed()
    {
        var at = Timing("at(2026-12-24T18:00:00)", Utc("2026-01-01T00:00:00Z"), firstTickAtAnchor: true, zone: NewYork);
        Assert.Equal([Utc("2026-12-24T23:00:00Z")], at.NextTimes(Utc("2026-11-27T00:00:00Z"), 5));
        Assert.Empty(at.NextTimes(Utc("2026-12-25T00:00:00Z"), 5));
    }

    [Fact]
    public void EndDate_CutsTheListShort()
    {
        var next = Timing("rate(1 hour)", Utc("2026-11-27T00:00:00Z"), firstTickAtAnchor: true, end: Utc("2026-11-27T02:30:00Z"))
            .NextTimes(Utc("2026-11-27T00:10:00Z"), 5);
        Assert.Equal(new[] { "2026-11-27T01:00:00Z", "2026-11-27T02:00:00Z" }.Select(Utc), next);
    }
}
