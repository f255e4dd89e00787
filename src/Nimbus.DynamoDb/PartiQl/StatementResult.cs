using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>What a statement returns: items (SELECT, or RETURNING), where a SELECT stopped, and the capacity used.</summary>
internal sealed record StatementResult(
    IReadOnlyList<IReadOnlyDictionary<string, AttributeValue>> Items,
    IReadOnlyDictionary<string, AttributeValue>? LastEvaluatedKey,
    ConsumedCapacity? Capacity);
