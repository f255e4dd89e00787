namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>RestoreTableFromBackup's parameters that Nimbus supports (the other overrides are refused by the operation).</summary>
/// <remarks>GlobalIndexes/LocalIndexes null: the backup's indexes; a list: those of the backup's indexes to keep.</remarks>
internal sealed record RestoreCommand(string BackupArn, string TargetTableName, string? BillingMode, long? ReadCapacityUnits, long? WriteCapacityUnits,
    IReadOnlyList<IndexSpec>? GlobalIndexes = null, IReadOnlyList<IndexSpec>? LocalIndexes = null);
