using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>ExecuteStatement's request members besides the statement: paging, consistency, what to return.</summary>
internal sealed record StatementOptions
{
    public int? Limit { get; init; }

    /// <summary>The LastEvaluatedKey a NextToken stands for.</summary>
    public IReadOnlyDictionary<string, AttributeValue>? ExclusiveStartKey { get; init; }

    public bool ConsistentRead { get; init; }

    public bool ReturnCapacity { get; init; }

    public bool ReturnItemOnConditionFailure { get; init; }
}
