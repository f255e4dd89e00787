namespace Nimbus.DynamoDb.Model;

/// <summary>
/// An on-demand backup: the source table's definition and statistics as they were when the backup was taken (its items
/// are copied next to it in the store). Outlives the source table, as on AWS.
/// </summary>
internal sealed record BackupRecord
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required double CreatedAt { get; init; }

    public required long SizeBytes { get; init; }

    public required long ItemCount { get; init; }

    /// <summary>The source table's definition at backup time (its <see cref="TableDefinition.Id"/> means nothing once it is deleted).</summary>
    public required TableDefinition Table { get; init; }
}
