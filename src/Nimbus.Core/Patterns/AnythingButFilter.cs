using System.Text.Json;

namespace Nimbus.Core.Patterns;

/// <summary>
/// <c>anything-but</c>: a value or a list of values (all strings or all numbers), or
/// <c>{"prefix"|"suffix"|"equals-ignore-case"|"wildcard": value or list}</c>.
/// </summary>
internal static class AnythingButFilter
{
    public static ValueMatcher Compile(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new ValueMatcher { Kind = MatcherKind.AnythingBut, Values = [value.GetString()!] };
            case JsonValueKind.Number:
                return new ValueMatcher { Kind = MatcherKind.AnythingBut, Numbers = new HashSet<double> { value.GetDouble() } };
            case JsonValueKind.Array:
                return FromList(value);
            case JsonValueKind.Object:
                return FromOperator(value);
            default:
                throw new EventPatternException("Value of anything-but must be an array or single string/number value.");
        }
    }

    private static ValueMatcher FromList(JsonElement list)
    {
        var strings = new List<string>();
        var numbers = new HashSet<double>();
        foreach (var item in list.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    strings.Add(item.GetString()!);
                    break;
                case JsonValueKind.Number:
                    numbers.Add(item.GetDouble());
                    break;
                default:
                    throw new EventPatternException("Inside anything but list, start|null|boolean is not supported.");
            }
        }
        if ((strings.Count > 0) == (numbers.Count > 0))
        {
            throw new EventPatternException("Inside anything but list, either all values are number or string, mixed type is not supported");
        }
        return new ValueMatcher { Kind = MatcherKind.AnythingBut, Values = strings, Numbers = numbers };
    }

    private static ValueMatcher FromOperator(JsonElement filter)
    {
        var properties = filter.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw new EventPatternException(properties.Count == 0 ? "Anything-But expression name not found" : "Only one key allowed in match expression");
        }
        var (name, value) = (properties[0].Name, properties[0].Value);
        var kind = name switch
        {
            "prefix" => MatcherKind.AnythingButPrefix,
            "suffix" => MatcherKind.AnythingButSuffix,
            "equals-ignore-case" => MatcherKind.AnythingButIgnoreCase,
            "wildcard" => MatcherKind.AnythingButWildcard,
            _ => throw new EventPatternException($"Unsupported anything-but pattern: {name}"),
        };
        var values = value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => PatternCompiler.RequireString(v, $"Inside anything-but/{name} list, number|start|null|boolean is not supported.")).ToList()
            : [PatternCompiler.RequireString(value, $"{name} match pattern must be a string")];
        if (values.Count == 0 || ((kind is MatcherKind.AnythingButPrefix or MatcherKind.AnythingButSuffix) && values.Any(v => v.Length == 0)))
        {
            throw new EventPatternException("Null prefix/suffix not allowed");
        }
        if (kind == MatcherKind.AnythingButWildcard && values.Select(WildcardGlob.Validate).FirstOrDefault(r => r is not null) is { } reason)
        {
            throw new EventPatternException(reason);
        }
        return new ValueMatcher { Kind = kind, Values = values };
    }
}
