namespace Nimbus.EventBridge.Schedules;

/// <summary>
/// One plain field of an AWS cron expression (minutes, hours, month, year, or the value part of day fields): the set of
/// allowed values after expanding <c>*</c>, <c>,</c>, <c>-</c> and <c>/</c>. Ranges may wrap (<c>FRI-MON</c>,
/// <c>22-2</c>), as in the Quartz syntax AWS's cron follows.
/// </summary>
internal sealed class CronField
{
    private readonly bool[] _allowed;

    private CronField(int min, int max, bool[] allowed, bool isWildcard)
    {
        Min = min;
        Max = max;
        _allowed = allowed;
        IsWildcard = isWildcard;
    }

    public int Min { get; }

    public int Max { get; }

    /// <summary>The field was <c>*</c> (every value).</summary>
    public bool IsWildcard { get; }

    public bool Contains(int value) => value >= Min && value <= Max && _allowed[value - Min];

    /// <summary>The smallest allowed value at or above <paramref name="value"/>, or -1.</summary>
    public int NextAtOrAfter(int value)
    {
        for (var v = Math.Max(value, Min); v <= Max; v++)
        {
            if (_allowed[v - Min])
            {
                return v;
            }
        }
        return -1;
    }

    public static CronField? Parse(string text, int min, int max, IReadOnlyDictionary<string, int>? names = null)
    {
        var allowed = new bool[max - min + 1];
        if (text == "*")
        {
            Array.Fill(allowed, true);
            return new CronField(min, max, allowed, isWildcard: true);
        }
        foreach (var part in text.Split(','))
        {
            if (!TryAddPart(part, min, max, names, allowed))
            {
                return null;
            }
        }
        return new CronField(min, max, allowed, isWildcard: false);
    }

    private static bool TryAddPart(string part, int min, int max, IReadOnlyDictionary<string, int>? names, bool[] allowed)
    {
        var step = 1;
        var slash = part.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(part.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out step) || step < 1 || step > max - min + 1)
            {
                return false;
            }
            part = part[..slash];
        }

        int start, end;
        if (part == "*")
        {
            (start, end) = (min, max);
        }
        else
        {
            var dash = part.IndexOf('-', 1);
            if (dash > 0)
            {
                if (!TryValue(part[..dash], min, max, names, out start) || !TryValue(part[(dash + 1)..], min, max, names, out end))
                {
                    return false;
                }
            }
            else
            {
                if (!TryValue(part, min, max, names, out start))
                {
                    return false;
                }
                // "5/15" runs from 5 to the end of the range; a lone "5" is just 5.
                end = slash >= 0 ? max : start;
            }
        }

        var span = max - min + 1;
        var length = end >= start ? end - start : end - start + span;
        for (var offset = 0; offset <= length; offset += step)
        {
            var value = start + offset;
            if (value > max)
            {
                value -= span;
            }
            allowed[value - min] = true;
        }
        return true;
    }

    private static bool TryValue(string text, int min, int max, IReadOnlyDictionary<string, int>? names, out int value)
    {
        if (names is not null && names.TryGetValue(text.ToUpperInvariant(), out value))
        {
            return true;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, null, out value) && value >= min && value <= max;
    }
}
