namespace Nimbus.DynamoDb.Service.Commands;

internal sealed record UpdateTableCommand
{
    public required string TableName { get; init; }

    public IReadOnlyDictionary<string, string> AttributeDefinitions { get; init; } = new Dictionary<string, string>();

    public string? BillingMode { get; init; }

    public long? ReadCapacityUnits { get; init; }

    public long? WriteCapacityUnits { get; init; }

    public StreamSpec? Stream { get; init; }

    public IReadOnlyList<IndexSpec> CreateIndexes { get; init; } = [];

    public IReadOnlyList<string> DeleteIndexes { get; init; } = [];

    /// <summary>Index name → new provisioned throughput (Update entries of GlobalSecondaryIndexUpdates).</summary>
    public IReadOnlyDictionary<string, (long Read, long Write)> UpdateIndexes { get; init; } = new Dictionary<string, (long, long)>();

    public bool? DeletionProtectionEnabled { get; init; }

    public string? TableClass { get; init; }
}
