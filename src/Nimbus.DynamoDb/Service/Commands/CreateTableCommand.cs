namespace Nimbus.DynamoDb.Service.Commands;

internal sealed record CreateTableCommand
{
    public required string TableName { get; init; }

    public required IReadOnlyList<KeySchemaElement> KeySchema { get; init; }

    public required IReadOnlyDictionary<string, string> AttributeDefinitions { get; init; }

    public IReadOnlyList<IndexSpec> LocalSecondaryIndexes { get; init; } = [];

    public IReadOnlyList<IndexSpec> GlobalSecondaryIndexes { get; init; } = [];

    public bool HasLocalIndexList { get; init; }

    public bool HasGlobalIndexList { get; init; }

    public string? BillingMode { get; init; }

    public long? ReadCapacityUnits { get; init; }

    public long? WriteCapacityUnits { get; init; }

    public StreamSpec? Stream { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public bool DeletionProtectionEnabled { get; init; }

    public string? TableClass { get; init; }

    /// <summary>A resource-based policy to attach to the new table (stored, not enforced).</summary>
    public string? ResourcePolicy { get; init; }
}
