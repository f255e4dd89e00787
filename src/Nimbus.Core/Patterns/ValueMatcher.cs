using System.Net;
using System.Text.Json;

namespace Nimbus.Core.Patterns;

/// <summary>
/// One element of a pattern's value array: a literal or a content filter
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html). Tested against one
/// leaf value of the event.
/// </summary>
internal sealed class ValueMatcher
{
    public required MatcherKind Kind { get; init; }

    /// <summary>The string of exact, prefix, suffix, equals-ignore-case and wildcard filters; the literal's JSON text.</summary>
    public string Text { get; init; } = "";

    public bool IgnoreCase { get; init; }

    public double Number { get; init; }

    /// <summary>Numeric bounds: null is unbounded.</summary>
    public double? Lower { get; init; }

    public bool LowerOpen { get; init; }

    public double? Upper { get; init; }

    public bool UpperOpen { get; init; }

    /// <summary>For <c>exists</c>: true or false.</summary>
    public bool Exists { get; init; }

    public IPNetwork Network { get; init; }

    /// <summary>The excluded values of <c>anything-but</c> (strings, or numbers as round-trip text) and of its ignore-case and wildcard forms.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    public IReadOnlySet<double> Numbers { get; init; } = new HashSet<double>();

    public bool Matches(JsonElement value)
    {
        var isString = value.ValueKind == JsonValueKind.String;
        var text = isString ? value.GetString()! : null;
        switch (Kind)
        {
            case MatcherKind.ExactString:
                return isString && text == Text;
            case MatcherKind.ExactNumber:
                return value.ValueKind == JsonValueKind.Number && value.GetDouble() == Number;
            case MatcherKind.ExactLiteral:
                return value.ValueKind is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False && value.GetRawText() == Text;
            case MatcherKind.Prefix:
                return isString && text!.StartsWith(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            case MatcherKind.Suffix:
                return isString && text!.EndsWith(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            case MatcherKind.EqualsIgnoreCase:
                return isString && string.Equals(text, Text, StringComparison.OrdinalIgnoreCase);
            case MatcherKind.Wildcard:
                return isString && WildcardGlob.IsMatch(Text, text!);
            case MatcherKind.Numeric:
                return value.ValueKind == JsonValueKind.Number && InRange(value.GetDouble());
            case MatcherKind.Exists:
                return Exists;
            case MatcherKind.Cidr:
                return isString && IPAddress.TryParse(text, out var address) && Network.Contains(address);
            case MatcherKind.AnythingBut:
                return value.ValueKind == JsonValueKind.Number ? !Numbers.Contains(value.GetDouble()) : !(isString && Values.Contains(text!));
            case MatcherKind.AnythingButPrefix:
                return isString && !Values.Any(p => text!.StartsWith(p, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            case MatcherKind.AnythingButSuffix:
                return isString && !Values.Any(s => text!.EndsWith(s, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            case MatcherKind.AnythingButIgnoreCase:
                return isString && !Values.Any(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
            case MatcherKind.AnythingButWildcard:
                return isString && !Values.Any(w => WildcardGlob.IsMatch(w, text!));
            default:
                return false;
        }
    }

    private bool InRange(double x) =>
        (Lower is not { } lo || (LowerOpen ? x > lo : x >= lo)) && (Upper is not { } hi || (UpperOpen ? x < hi : x <= hi));
}
