namespace Nimbus.DynamoDb.Store;

/// <summary>Bounds on the encoded sort key of a Query (null: unbounded on that side).</summary>
internal sealed record KeyBounds(byte[]? Low, bool LowInclusive, byte[]? High, bool HighInclusive)
{
    public static KeyBounds All { get; } = new(null, true, null, true);
}
