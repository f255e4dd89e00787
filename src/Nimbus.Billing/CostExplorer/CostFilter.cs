using Nimbus.Protocol.Documents;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// Cost Explorer's filter <c>Expression</c>: exactly one of <c>And</c>, <c>Or</c>, <c>Not</c>, <c>Dimensions</c>,
/// <c>Tags</c> or <c>CostCategories</c> per level. Dimension and tag matches are exact and case-sensitive
/// (the defaults); a tag filter with <c>ABSENT</c> also matches resources without the key.
/// </summary>
public sealed class CostFilter
{
    private readonly Func<CostAttributes, bool> _predicate;

    private CostFilter(Func<CostAttributes, bool> predicate) => _predicate = predicate;

    public bool Matches(CostAttributes row) => _predicate(row);

    public static CostFilter Parse(WireValue expression)
    {
        if (expression.Kind != WireKind.Map)
        {
            throw CostExplorerErrors.Validation("Filter must be an Expression object.");
        }
        var members = expression.Members.Where(m => m.Value.Kind != WireKind.Null).ToList();
        if (members.Count != 1)
        {
            throw CostExplorerErrors.Validation("Expression must have exactly one of And, Or, Not, Dimensions, Tags or CostCategories.");
        }
        var (name, value) = (members[0].Key, members[0].Value);
        switch (name)
        {
            case "And" or "Or":
                var parts = value.AsList().Select(Parse).ToList();
                if (parts.Count < 2)
                {
                    throw CostExplorerErrors.Validation($"{name} expression must have at least 2 operands.");
                }
                return name == "And" ? new CostFilter(r => parts.All(p => p.Matches(r))) : new CostFilter(r => parts.Any(p => p.Matches(r)));
            case "Not":
                var inner = Parse(value);
                return new CostFilter(r => !inner.Matches(r));
            case "Dimensions":
                var key = value["Key"]?.AsString() ?? throw CostExplorerErrors.Validation("Dimensions must have a Key.");
                var values = Values(value);
                CostAttributes.ValidateDimension(key);
                return new CostFilter(r => values.Contains(r.Dimension(key)));
            case "Tags":
                var tagKey = value["Key"]?.AsString() ?? throw CostExplorerErrors.Validation("Tags must have a Key.");
                var tagValues = Values(value);
                var absent = value["MatchOptions"]?.AsList().Any(o => o.AsString() == "ABSENT") == true;
                return new CostFilter(r => r.Tags.TryGetValue(tagKey, out var tag) ? tagValues.Contains(tag) : absent || tagValues.Contains(""));
            default:
                throw CostExplorerErrors.Validation($"Filtering by {name} is not supported by Nimbus.");
        }
    }

    private static HashSet<string> Values(WireValue value) =>
        (value["Values"]?.AsList() ?? []).Select(v => v.AsString()).ToHashSet(StringComparer.Ordinal);
}
