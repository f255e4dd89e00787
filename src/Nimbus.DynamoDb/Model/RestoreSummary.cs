namespace Nimbus.DynamoDb.Model;

/// <summary>Where a restored table came from: AWS keeps it in the table's description for good.</summary>
internal sealed record RestoreSummary(string SourceBackupArn, string SourceTableArn, double RestoredAt);
