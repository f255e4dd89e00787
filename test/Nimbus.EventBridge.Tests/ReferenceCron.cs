namespace Nimbus.EventBridge.Tests;

/// <summary>
/// A deliberately naive AWS cron matcher, written independently of the product: each field becomes a predicate on
/// one minute, and the special day forms (L, W, LW, nL, n#k) are decided by brute force over the month. The property
/// tests compare the product's fast <c>Next</c> against a minute-by-minute scan with this.
/// </summary>
internal sealed class ReferenceCron
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly Func<DateTime, bool>[] _fields;

    public ReferenceCron(string expression)
    {
        var f = expression.Split(' ');
        _fields =
        [
            t => Plain(f[0], 0, 59, null)(t.Minute),
            t => Plain(f[1], 0, 23, null)(t.Hour),
            DayOfMonth(f[2]),
            t => Plain(f[3], 1, 12, Months)(t.Month),
            DayOfWeek(f[4]),
            t => Plain(f[5], 1970, 2199, null)(t.Year),
        ];
    }

    public bool Matches(DateTime minute) => _fields.All(field => field(minute));

    /// <summary>The first matching minute after <paramref name="after"/> within <paramref name="horizon"/>, by scanning every minute.</summary>
    public DateTime? Next(DateTime after, TimeSpan horizon)
    {
        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0).AddMinutes(1);
        for (var end = after + horizon; t <= end; t = t.AddMinutes(1))
        {
            if (Matches(t))
            {
                return t;
            }
        }
        return null;
    }

    private static Func<int, bool> Plain(string text, int min, int max, string[]? names)
    {
        if (text is "*" or "?")
        {
            return _ => true;
        }
        var tests = text.Split(',').Select(part => Part(part, min, max, names)).ToList();
        return v => tests.Any(test => test(v));
    }

    private static Func<int, bool> Part(string part, int min, int max, string[]? names)
    {
        var step = 1;
        var hasStep = part.Contains('/');
        if (hasStep)
        {
            step = int.Parse(part[(part.IndexOf('/') + 1)..]);
            part = part[..part.IndexOf('/')];
        }
        int lo, hi;
        if (part == "*")
        {
            (lo, hi) = (min, max);
        }
        else if (part.IndexOf('-', 1) is var dash and > 0)
        {
            (lo, hi) = (Value(part[..dash], min, names), Value(part[(dash + 1)..], min, names));
        }
        else
        {
            lo = Value(part, min, names);
            hi = hasStep ? max : lo;
        }
        var span = max - min + 1;
        return v =>
        {
            // Distance from lo going up, wrapping past max back to min.
            var distance = ((v - lo) % span + span) % span;
            var length = ((hi - lo) % span + span) % span;
            return distance <= length && distance % step == 0;
        };
    }

    private static int Value(string text, int min, string[]? names)
    {
        if (names is not null && Array.IndexOf(names, text.ToUpperInvariant()) is var index and >= 0)
        {
            return index + 1;
        }
        return int.Parse(text);
    }

    private static Func<DateTime, bool> DayOfMonth(string text)
    {
        if (text == "?")
        {
            return _ => true;
        }
        if (text == "L")
        {
            return t => t.Day == DateTime.DaysInMonth(t.Year, t.Month);
        }
        if (text == "LW")
        {
            return t => t.Day == NearestWeekday(t, DateTime.DaysInMonth(t.Year, t.Month));
        }
        if (text.EndsWith('W'))
        {
            var day = int.Parse(text[..^1]);
            return t => t.Day == NearestWeekday(t, Math.Min(day, DateTime.DaysInMonth(t.Year, t.Month)));
        }
        var plain = Plain(text, 1, 31, null);
        return t => plain(t.Day);
    }

    /// <summary>The weekday of the month closest to <paramref name="target"/>, by trying every day.</summary>
    private static int NearestWeekday(DateTime t, int target)
    {
        var best = -1;
        for (var d = 1; d <= DateTime.DaysInMonth(t.Year, t.Month); d++)
        {
            var weekday = new DateTime(t.Year, t.Month, d).DayOfWeek;
            if (weekday is System.DayOfWeek.Saturday or System.DayOfWeek.Sunday)
            {
                continue;
            }
            if (best < 0 || Math.Abs(d - target) < Math.Abs(best - target))
            {
                best = d;
            }
        }
        return best;
    }

    private static Func<DateTime, bool> DayOfWeek(string text)
    {
        if (text == "?")
        {
            return _ => true;
        }
        int Weekday(DateTime t) => (int)t.DayOfWeek + 1;
        if (text == "L")
        {
            return t => Weekday(t) == 7;
        }
        if (text.EndsWith('L'))
        {
            var day = Value(text[..^1], 1, Days);
            return t => Weekday(t) == day && Enumerable.Range(t.Day + 1, DateTime.DaysInMonth(t.Year, t.Month) - t.Day)
                .All(d => (int)new DateTime(t.Year, t.Month, d).DayOfWeek + 1 != day);
        }
        if (text.Contains('#'))
        {
            var day = Value(text[..text.IndexOf('#')], 1, Days);
            var nth = int.Parse(text[(text.IndexOf('#') + 1)..]);
            return t => Weekday(t) == day && Enumerable.Range(1, t.Day).Count(d => (int)new DateTime(t.Year, t.Month, d).DayOfWeek + 1 == day) == nth;
        }
        var plain = Plain(text, 1, 7, Days);
        return t => plain(Weekday(t));
    }
}
