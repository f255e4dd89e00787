using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service;

/// <summary>Why one element of a transaction cancelled it ("None" for the elements that were fine).</summary>
internal sealed record CancellationReason(string Code, string? Message, IReadOnlyDictionary<string, AttributeValue>? Item);
