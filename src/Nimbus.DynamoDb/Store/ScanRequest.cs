namespace Nimbus.DynamoDb.Store;

/// <summary>
/// A range read of the base table or of an index. For an index, <see cref="HashKey"/> is the index's partition key
/// and <see cref="StartAfter"/> is (index sort key, table hash key, table range key); for the table it is
/// (range key) within a partition, or (hash key, range key) for a whole-table scan.
/// </summary>
internal sealed record ScanRequest
{
    public required long TableId { get; init; }

    public string? Index { get; init; }

    /// <summary>Null: every partition (Scan).</summary>
    public byte[]? HashKey { get; init; }

    public KeyBounds Bounds { get; init; } = KeyBounds.All;

    public bool Forward { get; init; } = true;

    public byte[][]? StartAfter { get; init; }
}
