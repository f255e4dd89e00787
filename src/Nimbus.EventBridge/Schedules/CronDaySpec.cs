namespace Nimbus.EventBridge.Schedules;

/// <summary>
/// The day-of-month or day-of-week field of an AWS cron expression. Besides plain values these take
/// <c>?</c> (no constraint: the other day field decides), <c>L</c> (last day of the month; in day-of-week alone,
/// Saturday, and <c>5L</c> the last Thursday), <c>W</c> (<c>15W</c>: the weekday nearest the 15th within the month;
/// <c>LW</c>: the last weekday) and <c>#</c> (<c>3#2</c>: the second Tuesday). Day-of-week counts 1 = SUN … 7 = SAT.
/// </summary>
internal sealed class CronDaySpec
{
    private static readonly Dictionary<string, int> DayNames = new(StringComparer.Ordinal)
    {
        ["SUN"] = 1, ["MON"] = 2, ["TUE"] = 3, ["WED"] = 4, ["THU"] = 5, ["FRI"] = 6, ["SAT"] = 7,
    };

    private enum Kind { Any, Values, Last, NearestWeekday, LastWeekday, LastOfWeekday, NthWeekday }

    private readonly Kind _kind;
    private readonly CronField? _values;
    private readonly int _number;
    private readonly int _nth;
    private readonly bool _isDayOfWeek;

    private CronDaySpec(Kind kind, bool isDayOfWeek, CronField? values = null, int number = 0, int nth = 0)
    {
        _kind = kind;
        _isDayOfWeek = isDayOfWeek;
        _values = values;
        _number = number;
        _nth = nth;
    }

    /// <summary>The field was <c>?</c>.</summary>
    public bool IsAny => _kind == Kind.Any;

    public bool Matches(DateOnly date)
    {
        var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
        var weekday = (int)date.DayOfWeek + 1;
        switch (_kind)
        {
            case Kind.Any:
                return true;
            case Kind.Values:
                return _values!.Contains(_isDayOfWeek ? weekday : date.Day);
            case Kind.Last:
                return _isDayOfWeek ? weekday == 7 : date.Day == daysInMonth;
            case Kind.NearestWeekday:
                return date.Day == NearestWeekday(date.Year, date.Month, Math.Min(_number, daysInMonth), daysInMonth);
            case Kind.LastWeekday:
                return date.Day == NearestWeekday(date.Year, date.Month, daysInMonth, daysInMonth);
            case Kind.LastOfWeekday:
                return weekday == _number && date.Day + 7 > daysInMonth;
            case Kind.NthWeekday:
                return weekday == _number && (date.Day - 1) / 7 + 1 == _nth;
            default:
                return false;
        }
    }

    /// <summary>The weekday nearest to <paramref name="day"/> without leaving the month (Quartz's <c>W</c>).</summary>
    private static int NearestWeekday(int year, int month, int day, int daysInMonth)
    {
        var weekday = new DateOnly(year, month, day).DayOfWeek;
        return weekday switch
        {
            DayOfWeek.Saturday => day == 1 ? 3 : day - 1,
            DayOfWeek.Sunday => day == daysInMonth ? day - 2 : day + 1,
            _ => day,
        };
    }

    public static CronDaySpec? ParseDayOfMonth(string text)
    {
        if (text == "?")
        {
            return new CronDaySpec(Kind.Any, false);
        }
        if (text == "L")
        {
            return new CronDaySpec(Kind.Last, false);
        }
        if (text == "LW")
        {
            return new CronDaySpec(Kind.LastWeekday, false);
        }
        if (text.Length > 1 && text[^1] == 'W')
        {
            return int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, null, out var day) && day is >= 1 and <= 31
                ? new CronDaySpec(Kind.NearestWeekday, false, number: day)
                : null;
        }
        var field = CronField.Parse(text, 1, 31);
        return field is null ? null : new CronDaySpec(Kind.Values, false, field);
    }

    public static CronDaySpec? ParseDayOfWeek(string text)
    {
        if (text == "?")
        {
            return new CronDaySpec(Kind.Any, true);
        }
        if (text == "L")
        {
            return new CronDaySpec(Kind.Last, true);
        }
        if (text.Length > 1 && text[^1] == 'L')
        {
            return TryDay(text[..^1], out var day) ? new CronDaySpec(Kind.LastOfWeekday, true, number: day) : null;
        }
        var hash = text.IndexOf('#');
        if (hash > 0)
        {
            return TryDay(text[..hash], out var day)
                && int.TryParse(text.AsSpan(hash + 1), System.Globalization.NumberStyles.None, null, out var nth) && nth is >= 1 and <= 5
                ? new CronDaySpec(Kind.NthWeekday, true, number: day, nth: nth)
                : null;
        }
        var field = CronField.Parse(text, 1, 7, DayNames);
        return field is null ? null : new CronDaySpec(Kind.Values, true, field);
    }

    private static bool TryDay(string text, out int day) =>
        DayNames.TryGetValue(text.ToUpperInvariant(), out day)
        || (int.TryParse(text, System.Globalization.NumberStyles.None, null, out day) && day is >= 1 and <= 7);
}
