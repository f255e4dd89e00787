namespace Nimbus.DynamoDb.Store;

/// <summary>A row of a range read: the item plus, for index reads, the index keys it was found under.</summary>
internal readonly record struct ScannedItem(StoredItem Item, byte[]? IndexRangeKey);
