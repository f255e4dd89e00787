using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>ItemCollectionMetrics of a write to a table with LSIs: the partition key and the collection's size.</summary>
internal sealed record CollectionMetrics(string TableName, IReadOnlyDictionary<string, AttributeValue> Key, long Bytes);
