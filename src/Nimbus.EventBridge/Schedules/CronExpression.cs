namespace Nimbus.EventBridge.Schedules;

/// <summary>
/// AWS's six-field cron: <c>minutes hours day-of-month month day-of-week year</c>
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html). One of the two day
/// fields must be <c>?</c>. Evaluated on wall-clock minutes; the caller maps them to UTC (rules run in UTC,
/// EventBridge Scheduler in the schedule's time zone).
/// </summary>
internal sealed class CronExpression
{
    public const int MaxYear = 2199;

    private static readonly Dictionary<string, int> MonthNames = new(StringComparer.Ordinal)
    {
        ["JAN"] = 1, ["FEB"] = 2, ["MAR"] = 3, ["APR"] = 4, ["MAY"] = 5, ["JUN"] = 6,
        ["JUL"] = 7, ["AUG"] = 8, ["SEP"] = 9, ["OCT"] = 10, ["NOV"] = 11, ["DEC"] = 12,
    };

    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronDaySpec _dayOfMonth;
    private readonly CronField _months;
    private readonly CronDaySpec _dayOfWeek;
    private readonly CronField _years;

    private CronExpression(string text, CronField minutes, CronField hours, CronDaySpec dayOfMonth, CronField months, CronDaySpec dayOfWeek, CronField years)
    {
        Text = text;
        _minutes = minutes;
        _hours = hours;
        _dayOfMonth = dayOfMonth;
        _months = months;
        _dayOfWeek = dayOfWeek;
        _years = years;
    }

    /// <summary>The six fields as given.</summary>
    public string Text { get; }

    /// <summary>Parses the inside of <c>cron(…)</c>; null when AWS would reject it.</summary>
    public static CronExpression? Parse(string fields)
    {
        var parts = fields.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            return null;
        }
        var minutes = CronField.Parse(parts[0], 0, 59);
        var hours = CronField.Parse(parts[1], 0, 23);
        var dayOfMonth = CronDaySpec.ParseDayOfMonth(parts[2]);
        var months = CronField.Parse(parts[3], 1, 12, MonthNames);
        var dayOfWeek = CronDaySpec.ParseDayOfWeek(parts[4]);
        var years = CronField.Parse(parts[5], 1970, MaxYear);
        if (minutes is null || hours is null || dayOfMonth is null || months is null || dayOfWeek is null || years is null)
        {
            return null;
        }
        // "You can't specify the Day-of-month and Day-of-week fields in the same cron expression": exactly one is '?'.
        if (dayOfMonth.IsAny == dayOfWeek.IsAny)
        {
            return null;
        }
        return new CronExpression(string.Join(' ', parts), minutes, hours, dayOfMonth, months, dayOfWeek, years);
    }

    /// <summary>Whether the wall-clock minute <paramref name="minute"/> is a tick.</summary>
    public bool Matches(DateTime minute) =>
        _years.Contains(minute.Year) && _months.Contains(minute.Month) && DayMatches(DateOnly.FromDateTime(minute))
        && _hours.Contains(minute.Hour) && _minutes.Contains(minute.Minute);

    /// <summary>The first tick strictly after <paramref name="after"/> (wall clock), or null when none is left before 2200.</summary>
    public DateTime? Next(DateTime after)
    {
        var start = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        for (var year = _years.NextAtOrAfter(start.Year); year != -1; year = _years.NextAtOrAfter(year + 1))
        {
            var sameYear = year == start.Year;
            for (var month = _months.NextAtOrAfter(sameYear ? start.Month : 1); month != -1; month = _months.NextAtOrAfter(month + 1))
            {
                var sameMonth = sameYear && month == start.Month;
                var days = DateTime.DaysInMonth(year, month);
                for (var day = sameMonth ? start.Day : 1; day <= days; day++)
                {
                    if (!DayMatches(new DateOnly(year, month, day)))
                    {
                        continue;
                    }
                    var sameDay = sameMonth && day == start.Day;
                    var time = FirstTimeOfDay(sameDay ? start.Hour : 0, sameDay ? start.Minute : 0);
                    if (time is { } t)
                    {
                        return new DateTime(year, month, day, t.Hour, t.Minute, 0, DateTimeKind.Unspecified);
                    }
                }
            }
        }
        return null;
    }

    private (int Hour, int Minute)? FirstTimeOfDay(int fromHour, int fromMinute)
    {
        for (var hour = _hours.NextAtOrAfter(fromHour); hour != -1; hour = _hours.NextAtOrAfter(hour + 1))
        {
            var minute = _minutes.NextAtOrAfter(hour == fromHour ? fromMinute : 0);
            if (minute != -1)
            {
                return (hour, minute);
            }
        }
        return null;
    }

    private bool DayMatches(DateOnly date) => _dayOfMonth.Matches(date) && _dayOfWeek.Matches(date);
}
