namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>The non-aggregate functions of <see cref="Language.FunctionCatalog"/>, on already evaluated arguments.</summary>
internal static class ScalarFunctions
{
    public static object? Invoke(string name, object?[] args, QueryRow row) => name switch
    {
        "ispresent" => args[0] is not null,
        "isempty" => args[0] is null || QueryValues.ToText(args[0])!.Length == 0,
        "isblank" => args[0] is null || string.IsNullOrWhiteSpace(QueryValues.ToText(args[0])),
        "coalesce" => args.FirstOrDefault(a => a is not null),
        "strcontains" => Text(args[0]) is { } s && Text(args[1]) is { } sub && s.Contains(sub, StringComparison.Ordinal),
        "strlen" => Text(args[0]) is { } s ? s.Length : null,
        "toupper" => Text(args[0])?.ToUpperInvariant(),
        "tolower" => Text(args[0])?.ToLowerInvariant(),
        "trim" => Text(args[0])?.Trim(),
        "ltrim" => Text(args[0])?.TrimStart(),
        "rtrim" => Text(args[0])?.TrimEnd(),
        "concat" => string.Concat(args.Select(Text)),
        "substr" => Substring(args),
        "replace" => Text(args[0]) is { } s && Text(args[1]) is { Length: > 0 } from ? s.Replace(from, Text(args[2]) ?? "", StringComparison.Ordinal) : Text(args[0]),
        "abs" => Number(args[0], Math.Abs),
        "ceil" => Number(args[0], Math.Ceiling),
        "floor" => Number(args[0], Math.Floor),
        "sqrt" => Number(args[0], Math.Sqrt),
        "log" => Number(args[0], Math.Log),
        "greatest" => Extreme(args, 1),
        "least" => Extreme(args, -1),
        // bin(period) rounds @timestamp down to a multiple of the period.
        "bin" => Floor(row.TimestampMs, args[0]),
        "datefloor" => QueryValues.ToNumber(args[0]) is { } t ? Floor((long)t, args[1]) : null,
        "dateceil" => QueryValues.ToNumber(args[0]) is { } t ? Ceil((long)t, args[1]) : null,
        "fromMillis" => QueryValues.ToNumber(args[0]) is { } ms ? new InsightsTimestamp((long)ms) : null,
        "toMillis" => QueryValues.ToNumber(args[0]),
        "tonumber" => QueryValues.ToNumber(args[0]),
        "tostring" => Text(args[0]),
        _ => null,
    };

    private static string? Text(object? value) => QueryValues.ToText(value);

    private static object? Number(object? value, Func<double, double> function) =>
        QueryValues.ToNumber(value) is { } n ? function(n) : null;

    private static object? Extreme(object?[] args, int sign)
    {
        object? best = null;
        foreach (var arg in args)
        {
            if (arg is not null && (best is null || QueryValues.Compare(arg, best) * sign > 0))
            {
                best = arg;
            }
        }
        return best;
    }

    /// <summary>substr(s, start[, length]) with a 0-based start, as AWS documents it.</summary>
    private static string? Substring(object?[] args)
    {
        if (Text(args[0]) is not { } s || QueryValues.ToNumber(args[1]) is not { } startValue)
        {
            return null;
        }
        var start = (int)Math.Clamp(startValue, 0, s.Length);
        var length = args.Length > 2 && QueryValues.ToNumber(args[2]) is { } l ? (int)Math.Clamp(l, 0, s.Length - start) : s.Length - start;
        return s.Substring(start, length);
    }

    private static object? Floor(long timestampMs, object? period) =>
        period is TimeSpan { TotalMilliseconds: > 0 } span
            ? new InsightsTimestamp(timestampMs - Mod(timestampMs, (long)span.TotalMilliseconds))
            : null;

    private static object? Ceil(long timestampMs, object? period)
    {
        if (period is not TimeSpan { TotalMilliseconds: > 0 } span)
        {
            return null;
        }
        var size = (long)span.TotalMilliseconds;
        var remainder = Mod(timestampMs, size);
        return new InsightsTimestamp(remainder == 0 ? timestampMs : timestampMs - remainder + size);
    }

    private static long Mod(long value, long size) => ((value % size) + size) % size;
}
