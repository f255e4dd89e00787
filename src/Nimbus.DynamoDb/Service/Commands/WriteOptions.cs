using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>What every single-item write shares: its condition and what to return.</summary>
internal sealed record WriteOptions
{
    public Condition? Condition { get; init; }

    /// <summary>NONE, ALL_OLD, UPDATED_OLD, ALL_NEW or UPDATED_NEW.</summary>
    public string ReturnValues { get; init; } = "NONE";

    /// <summary>ReturnValuesOnConditionCheckFailure = ALL_OLD.</summary>
    public bool ReturnItemOnConditionFailure { get; init; }

    public bool ReturnCapacity { get; init; }

    /// <summary>ReturnItemCollectionMetrics = SIZE.</summary>
    public bool ReturnCollectionMetrics { get; init; }
}
