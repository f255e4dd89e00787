using System.Net;
using System.Text.Json;

namespace Nimbus.Core.Patterns;

/// <summary>
/// Turns pattern JSON into <see cref="PatternNode"/>s, refusing what EventBridge refuses with its reasons (the texts of
/// AWS's open-source rule compiler, Event Ruler, which EventBridge reports after "Event pattern is not valid. Reason:").
/// </summary>
internal static class PatternCompiler
{
    public static PatternNode CompileObject(JsonElement pattern, bool insideOr)
    {
        var node = new PatternNode();
        var any = false;
        foreach (var property in pattern.EnumerateObject())
        {
            any = true;
            if (property.Name == "$or")
            {
                node.OrGroups.Add(CompileOr(property.Value));
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    node.Objects.Add((property.Name, CompileObject(property.Value, insideOr)));
                    break;
                case JsonValueKind.Array:
                    node.Leaves.Add((property.Name, CompileValues(property.Value)));
                    break;
                default:
                    throw new EventPatternException($"\"{property.Name}\" must be an object or an array");
            }
        }
        if (!any)
        {
            throw new EventPatternException("Empty objects are not allowed");
        }
        return node;
    }

    private static PatternNode[] CompileOr(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new EventPatternException("It must be an Array followed with $or.");
        }
        var alternatives = new List<PatternNode>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new EventPatternException("Only JSON object is allowed in array of $or relationship.");
            }
            alternatives.Add(CompileObject(item, insideOr: true));
        }
        if (alternatives.Count < 2)
        {
            throw new EventPatternException("There must have at least 2 Objects in $or relationship.");
        }
        return [.. alternatives];
    }

    private static ValueMatcher[] CompileValues(JsonElement array)
    {
        var matchers = new List<ValueMatcher>();
        foreach (var item in array.EnumerateArray())
        {
            matchers.Add(item.ValueKind switch
            {
                JsonValueKind.String => new ValueMatcher { Kind = MatcherKind.ExactString, Text = item.GetString()! },
                JsonValueKind.Number => new ValueMatcher { Kind = MatcherKind.ExactNumber, Number = item.GetDouble() },
                JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => new ValueMatcher { Kind = MatcherKind.ExactLiteral, Text = item.GetRawText() },
                JsonValueKind.Object => CompileFilter(item),
                _ => throw new EventPatternException("Match value must be String, number, true, false, or null"),
            });
        }
        if (matchers.Count == 0)
        {
            throw new EventPatternException("Empty arrays are not allowed");
        }
        return [.. matchers];
    }

    private static ValueMatcher CompileFilter(JsonElement filter)
    {
        var properties = filter.EnumerateObject().ToList();
        if (properties.Count == 0)
        {
            throw new EventPatternException("Match expression name not found");
        }
        if (properties.Count > 1)
        {
            throw new EventPatternException("Only one key allowed in match expression");
        }
        var (name, value) = (properties[0].Name, properties[0].Value);
        switch (name)
        {
            case "prefix":
            case "suffix":
                var (text, ignoreCase) = StringOrIgnoreCase(value, name);
                if (text.Length == 0 && ignoreCase)
                {
                    throw new EventPatternException("Null prefix/suffix not allowed");
                }
                return new ValueMatcher { Kind = name == "prefix" ? MatcherKind.Prefix : MatcherKind.Suffix, Text = text, IgnoreCase = ignoreCase };
            case "equals-ignore-case":
                return new ValueMatcher { Kind = MatcherKind.EqualsIgnoreCase, Text = RequireString(value, "equals-ignore-case match pattern must be a string") };
            case "wildcard":
                var glob = RequireString(value, "wildcard match pattern must be a string");
                if (WildcardGlob.Validate(glob) is { } reason)
                {
                    throw new EventPatternException(reason);
                }
                return new ValueMatcher { Kind = MatcherKind.Wildcard, Text = glob };
            case "exists":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? new ValueMatcher { Kind = MatcherKind.Exists, Exists = value.GetBoolean() }
                    : throw new EventPatternException("exists match pattern must be either true or false.");
            case "cidr":
                var cidr = RequireString(value, "prefix match pattern must be a string");
                return IPNetwork.TryParse(cidr, out var network)
                    ? new ValueMatcher { Kind = MatcherKind.Cidr, Network = network }
                    : throw new EventPatternException($"Malformed CIDR, one '/' required");
            case "numeric":
                return NumericFilter.Compile(value);
            case "anything-but":
                return AnythingButFilter.Compile(value);
            default:
                throw new EventPatternException($"Unrecognized match type {name}");
        }
    }

    /// <summary>A string, or <c>{"equals-ignore-case": "…"}</c> (prefix and suffix accept both).</summary>
    private static (string Text, bool IgnoreCase) StringOrIgnoreCase(JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return (value.GetString()!, false);
        }
        if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().ToList() is [{ Name: "equals-ignore-case" } only]
            && only.Value.ValueKind == JsonValueKind.String)
        {
            return (only.Value.GetString()!, true);
        }
        throw new EventPatternException($"{name} match pattern must be a string");
    }

    public static string RequireString(JsonElement value, string reason) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new EventPatternException(reason);
}
