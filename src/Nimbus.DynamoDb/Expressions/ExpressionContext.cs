using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>
/// ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its expressions, with the
/// bookkeeping for AWS's "unused" errors (checked once every expression of the request is parsed).
/// </summary>
internal sealed class ExpressionContext
{
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedValues = new(StringComparer.Ordinal);

    public ExpressionContext(IReadOnlyDictionary<string, string>? names, IReadOnlyDictionary<string, AttributeValue>? values)
    {
        Names = names;
        Values = values;
    }

    public IReadOnlyDictionary<string, string>? Names { get; }

    public IReadOnlyDictionary<string, AttributeValue>? Values { get; }

    public static ExpressionContext Empty { get; } = new(null, null);

    public string ResolveName(ExpressionKind kind, string placeholder)
    {
        if (Names is null || !Names.TryGetValue(placeholder, out var name))
        {
            throw ExpressionErrors.UndefinedName(kind, placeholder);
        }
        _usedNames.Add(placeholder);
        return name;
    }

    public AttributeValue ResolveValue(ExpressionKind kind, string placeholder)
    {
        if (Values is null || !Values.TryGetValue(placeholder, out var value))
        {
            throw ExpressionErrors.UndefinedValue(kind, placeholder);
        }
        _usedValues.Add(placeholder);
        return value;
    }

    /// <summary>AWS rejects names and values that no expression of the request used.</summary>
    public void EnsureAllUsed()
    {
        if (Names is not null)
        {
            var unused = Names.Keys.Where(k => !_usedNames.Contains(k)).ToList();
            if (unused.Count > 0)
            {
                throw DynamoDbErrors.Validation($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unused)}}}");
            }
        }
        if (Values is not null)
        {
            var unused = Values.Keys.Where(k => !_usedValues.Contains(k)).ToList();
            if (unused.Count > 0)
            {
                throw DynamoDbErrors.Validation($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unused)}}}");
            }
        }
    }
}
