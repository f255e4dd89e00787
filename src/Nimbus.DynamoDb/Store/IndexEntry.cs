namespace Nimbus.DynamoDb.Store;

/// <summary>An item's entry in a secondary index: the index keys and the table keys it points to.</summary>
internal readonly record struct IndexEntry(string Index, byte[] IndexHashKey, byte[] IndexRangeKey);
