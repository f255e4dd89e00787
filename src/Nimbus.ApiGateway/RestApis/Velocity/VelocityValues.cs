using System.Globalization;
using System.Text;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// Values as Velocity 1.7 (the engine behind API Gateway) treats them: Java's <c>toString</c> when rendered (maps as
/// <c>{a=1, b=2}</c>, lists as <c>[1, 2]</c>), every non-null non-boolean is true, numbers compare by value and other
/// values of different types by their text.
/// </summary>
internal static class VelocityValues
{
    public static string Render(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        double number => RenderDouble(number),
        IDictionary<string, object?> map => "{" + string.Join(", ", map.Select(p => p.Key + "=" + Render(p.Value))) + "}",
        IList<object?> list => "[" + string.Join(", ", list.Select(Render)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>Java's <c>Double.toString</c>: <c>1.0</c>, <c>0.5</c>, <c>1.0E7</c>.</summary>
    private static string RenderDouble(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity";
        }
        var magnitude = Math.Abs(number);
        if (number == 0 || (magnitude >= 1e-3 && magnitude < 1e7))
        {
            var text = number.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
        }
        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var mantissa = (number / Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
        return (mantissa.Contains('.', StringComparison.Ordinal) ? mantissa : mantissa + ".0") + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        _ => true,
    };

    public static bool AreEqual(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }
        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left) == ToDouble(right);
        }
        if (left.GetType() == right.GetType() || (left is string || right is string))
        {
            return left.Equals(right) || Render(left) == Render(right);
        }
        return Render(left) == Render(right);
    }

    /// <summary>Ordering for <c>&lt;</c> and friends: numbers by value, strings ordinally; anything else is not ordered (null).</summary>
    public static int? Compare(object? left, object? right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left!).CompareTo(ToDouble(right!));
        }
        if (left is string a && right is string b)
        {
            return string.CompareOrdinal(a, b);
        }
        return null;
    }

    public static object? Arithmetic(char op, object? left, object? right)
    {
        if (op == '+' && (left is string || right is string))
        {
            return left is null || right is null ? null : Render(left) + Render(right);
        }
        if (!IsNumber(left) || !IsNumber(right))
        {
            return null;
        }
        if (left is double || right is double)
        {
            var (x, y) = (ToDouble(left!), ToDouble(right!));
            return op switch { '+' => x + y, '-' => x - y, '*' => x * y, '/' => y == 0 ? null : x / y, _ => y == 0 ? null : x % y };
        }
        var (a, b) = (Convert.ToInt64(left, CultureInfo.InvariantCulture), Convert.ToInt64(right, CultureInfo.InvariantCulture));
        return op switch { '+' => a + b, '-' => a - b, '*' => a * b, '/' => b == 0 ? null : a / b, _ => b == 0 ? null : a % b };
    }

    public static bool IsNumber(object? value) => value is long or int or double;

    public static double ToDouble(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>An integer argument (index, length) from a number or numeric text.</summary>
    public static int? ToInt(object? value) => value switch
    {
        long number => (int)number,
        int number => number,
        double number => (int)number,
        string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static void AppendTo(StringBuilder output, object? value) => output.Append(Render(value));
}
