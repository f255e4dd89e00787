namespace Nimbus.DynamoDb.Model;

/// <summary>A local or global secondary index.</summary>
internal sealed record IndexDefinition
{
    public required string Name { get; init; }

    public required KeySchema Key { get; init; }

    public required bool IsGlobal { get; init; }

    /// <summary>ALL, KEYS_ONLY or INCLUDE.</summary>
    public required string ProjectionType { get; init; }

    public IReadOnlyList<string> NonKeyAttributes { get; init; } = [];

    public long ReadCapacityUnits { get; init; }

    public long WriteCapacityUnits { get; init; }

    /// <summary>GSIs report CREATING while backfilling (in Nimbus the backfill runs inside UpdateTable).</summary>
    public string Status { get; init; } = "ACTIVE";
}
