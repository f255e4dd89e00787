using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>One element of TransactWriteItems (or of a batch write): Put, Update, Delete or ConditionCheck.</summary>
internal sealed record TransactWriteItem
{
    public required string Kind { get; init; }

    public required string TableName { get; init; }

    /// <summary>The item for Put; the key otherwise.</summary>
    public required IReadOnlyDictionary<string, AttributeValue> ItemOrKey { get; init; }

    public IReadOnlyList<UpdateAction>? Update { get; init; }

    public Condition? Condition { get; init; }

    public bool ReturnItemOnConditionFailure { get; init; }

    /// <summary>A PartiQL INSERT: its failed key-absent condition cancels with reason <c>DuplicateItem</c>, as AWS reports it.</summary>
    public bool FailsAsDuplicate { get; init; }
}
