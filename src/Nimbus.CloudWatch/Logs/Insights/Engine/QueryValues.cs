using System.Globalization;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// Query values are null (absent), <see cref="string"/>, <see cref="double"/> or <see cref="InsightsTimestamp"/>.
/// Log fields are text, so a string that reads as a number compares and computes as one (<c>status &gt; 499</c>
/// on a parsed or JSON field works as users expect).
/// </summary>
internal static class QueryValues
{
    public static double? ToNumber(object? value) => value switch
    {
        double d => d,
        InsightsTimestamp t => t.Milliseconds,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        bool b => b ? 1 : 0,
        _ => null,
    };

    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => FormatNumber(d),
        bool b => b ? "true" : "false",
        _ => value.ToString(),
    };

    public static string FormatNumber(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>Numbers compare as numbers when both sides read as numbers, otherwise as ordinal text; null when either is absent.</summary>
    public static int? Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }
        if (ToNumber(left) is { } l && ToNumber(right) is { } r)
        {
            return l.CompareTo(r);
        }
        return string.CompareOrdinal(ToText(left), ToText(right));
    }

    /// <summary>Sort order: absent values after present ones in either direction.</summary>
    public static int SortCompare(object? left, object? right, bool descending)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : 1) : -1;
        }
        var order = Compare(left, right) ?? 0;
        return descending ? -order : order;
    }
}
