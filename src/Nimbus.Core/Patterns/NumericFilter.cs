using System.Text.Json;

namespace Nimbus.Core.Patterns;

/// <summary>
/// <c>{"numeric": ["&gt;", 0, "&lt;=", 5]}</c>: one comparison, or a lower bound followed by an upper bound. Values lie
/// within ±5.0e9 as AWS documents ("numeric matching … values between -5.0e9 and +5.0e9").
/// </summary>
internal static class NumericFilter
{
    private const double Limit = 5.0e9;

    public static ValueMatcher Compile(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new EventPatternException("Value of numeric must be an array.");
        }
        var items = value.EnumerateArray().ToList();
        if (items.Count == 0 || items[0].ValueKind != JsonValueKind.String)
        {
            throw new EventPatternException($"Invalid member in numeric match: {(items.Count == 0 ? "]" : items[0].GetRawText())}");
        }
        var op = items[0].GetString()!;
        var first = Operand(items, 1, op);
        if (op is "=" or "<" or "<=")
        {
            if (items.Count > 2)
            {
                throw new EventPatternException("Too many elements in numeric expression");
            }
            return op switch
            {
                "=" => new ValueMatcher { Kind = MatcherKind.Numeric, Lower = first, Upper = first },
                "<" => new ValueMatcher { Kind = MatcherKind.Numeric, Upper = first, UpperOpen = true },
                _ => new ValueMatcher { Kind = MatcherKind.Numeric, Upper = first },
            };
        }
        if (op is not (">" or ">="))
        {
            throw new EventPatternException($"Unrecognized numeric range operator: {op}");
        }
        if (items.Count == 2)
        {
            return new ValueMatcher { Kind = MatcherKind.Numeric, Lower = first, LowerOpen = op == ">" };
        }
        if (items[2].ValueKind != JsonValueKind.String)
        {
            throw new EventPatternException($"Bad value in numeric range: {items[2].GetRawText()}");
        }
        var upperOp = items[2].GetString()!;
        if (upperOp is not ("<" or "<="))
        {
            throw new EventPatternException($"Bad numeric range operator: {upperOp}");
        }
        var upper = Operand(items, 3, upperOp);
        if (items.Count > 4)
        {
            throw new EventPatternException("Too many terms in numeric range expression");
        }
        if (upper <= first)
        {
            throw new EventPatternException("Bottom must be less than top");
        }
        return new ValueMatcher { Kind = MatcherKind.Numeric, Lower = first, LowerOpen = op == ">", Upper = upper, UpperOpen = upperOp == "<" };
    }

    private static double Operand(List<JsonElement> items, int index, string op)
    {
        if (index >= items.Count || items[index].ValueKind != JsonValueKind.Number)
        {
            throw new EventPatternException($"Value of {op} must be numeric");
        }
        var number = items[index].GetDouble();
        if (number < -Limit || number > Limit)
        {
            throw new EventPatternException("Value must be between -5.0E9 and 5.0E9, inclusive");
        }
        return number;
    }
}
