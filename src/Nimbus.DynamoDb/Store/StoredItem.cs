namespace Nimbus.DynamoDb.Store;

/// <summary>One item as stored: its encoded keys and its JSON.</summary>
internal readonly record struct StoredItem(byte[] HashKey, byte[] RangeKey, byte[] Item);
