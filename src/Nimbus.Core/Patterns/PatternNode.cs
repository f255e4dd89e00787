using System.Text.Json;

namespace Nimbus.Core.Patterns;

/// <summary>
/// One object level of a compiled pattern: every field must match (AND); each <c>$or</c> group needs one of its
/// alternatives. Arrays in the event are flattened: a field matches when any element does, at any depth.
/// </summary>
internal sealed class PatternNode
{
    public List<(string Field, PatternNode Child)> Objects { get; } = [];

    public List<(string Field, ValueMatcher[] Matchers)> Leaves { get; } = [];

    public List<PatternNode[]> OrGroups { get; } = [];

    /// <summary>Whether some object among <paramref name="candidates"/> satisfies this level (every field, every group).</summary>
    public bool Matches(IReadOnlyList<JsonElement> candidates)
    {
        foreach (var (field, matchers) in Leaves)
        {
            if (!LeafMatches(Collect(candidates, field), matchers))
            {
                return false;
            }
        }
        foreach (var (field, child) in Objects)
        {
            var values = Collect(candidates, field);
            if (!child.Matches(values))
            {
                return false;
            }
        }
        foreach (var group in OrGroups)
        {
            if (!group.Any(alternative => alternative.Matches(candidates)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool LeafMatches(List<JsonElement> values, ValueMatcher[] matchers)
    {
        var leaves = values.Where(v => v.ValueKind != JsonValueKind.Object).ToList();
        if (leaves.Count == 0)
        {
            // A missing field (or one holding only objects) matches nothing but {"exists": false}.
            return matchers.Any(m => m.Kind == MatcherKind.Exists && !m.Exists);
        }
        foreach (var matcher in matchers)
        {
            if (matcher.Kind == MatcherKind.Exists)
            {
                if (matcher.Exists)
                {
                    return true;
                }
                continue;
            }
            foreach (var value in leaves)
            {
                if (matcher.Matches(value))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The values of <paramref name="field"/> in every candidate object, with arrays flattened.</summary>
    private static List<JsonElement> Collect(IReadOnlyList<JsonElement> candidates, string field)
    {
        var values = new List<JsonElement>();
        foreach (var candidate in candidates)
        {
            if (candidate.ValueKind == JsonValueKind.Object && candidate.TryGetProperty(field, out var value))
            {
                Flatten(value, values);
            }
        }
        return values;
    }

    private static void Flatten(JsonElement value, List<JsonElement> into)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(value);
        }
    }
}
