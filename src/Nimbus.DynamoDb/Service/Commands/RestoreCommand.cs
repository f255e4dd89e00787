namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>RestoreTableFromBackup's parameters that Nimbus supports (the other overrides are refused by the operation).</summary>
internal sealed record RestoreCommand(string BackupArn, string TargetTableName, string? BillingMode, long? ReadCapacityUnits, long? WriteCapacityUnits);
