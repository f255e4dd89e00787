using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>One item's change: before, after (null when absent) and its item collection's size (tables with LSIs).</summary>
internal readonly record struct MutationResult(Dictionary<string, AttributeValue>? Old, Dictionary<string, AttributeValue>? New, long? CollectionBytes);
