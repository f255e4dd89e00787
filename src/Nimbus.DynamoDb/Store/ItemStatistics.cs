namespace Nimbus.DynamoDb.Store;

/// <summary>How many items a table or index holds and their size in bytes, as DynamoDB counts item size.</summary>
internal readonly record struct ItemStatistics(long Count, long Bytes);
