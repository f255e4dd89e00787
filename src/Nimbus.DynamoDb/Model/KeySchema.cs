namespace Nimbus.DynamoDb.Model;

/// <summary>The key of a table or index: a partition (HASH) key and an optional sort (RANGE) key.</summary>
internal sealed record KeySchema(KeyAttribute Hash, KeyAttribute? Range)
{
    public IEnumerable<KeyAttribute> Attributes => Range is null ? [Hash] : [Hash, Range];

    public bool Contains(string name) => Hash.Name == name || Range?.Name == name;
}
