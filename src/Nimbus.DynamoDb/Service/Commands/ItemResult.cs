using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>The attributes a call returns (Item or Attributes) and the capacity it consumed.</summary>
internal sealed record ItemResult(IReadOnlyDictionary<string, AttributeValue>? Attributes, ConsumedCapacity? Capacity);
