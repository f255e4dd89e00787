using Nimbus.Core;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

internal sealed partial class BackupService
{
    /// <summary>
    /// RestoreTableFromBackup: a new table with the backup's key schema, attribute definitions, indexes and settings, and
    /// its items, their index entries and statistics written in one transaction (so the table is complete when it is
    /// first seen). As on AWS, streams, TTL, tags, PITR, contributor insights and policies are not restored.
    /// </summary>
    public async Task<TableDefinition> RestoreAsync(AwsScope scope, RestoreCommand command)
    {
        SchemaValidator.TableName(command.TargetTableName, "targetTableName");
        var backup = Describe(scope, command.BackupArn);
        if (_catalog.Find(scope, command.TargetTableName) is not null)
        {
            throw DynamoDbErrors.TableAlreadyExists(command.TargetTableName);
        }
        var source = backup.Table;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var arn = Arn.Build("dynamodb", scope, "table/" + command.TargetTableName);
        var table = Billing(source, command) with
        {
            Id = 0,
            Name = command.TargetTableName,
            TableId = Guid.NewGuid().ToString(),
            Arn = arn,
            CreatedAt = now,
            Stream = null,
            TtlAttribute = null,
            Tags = new Dictionary<string, string>(),
            DeletionProtectionEnabled = false,
            PointInTimeRecovery = null,
            ContributorInsights = new Dictionary<string, ContributorInsightsSetting>(),
            Policies = new Dictionary<string, ResourcePolicy>(),
            Restore = new RestoreSummary(backup.Arn, source.Arn, now),
        };
        return await _store.WriteAsync(writer =>
        {
            if (_catalog.Find(scope, command.TargetTableName) is not null)
            {
                throw DynamoDbErrors.TableAlreadyExists(command.TargetTableName);
            }
            var restored = table with { Id = writer.InsertTable(table) };
            foreach (var row in _store.BackupItems(backup.Arn))
            {
                var item = AttributeValueWriter.ItemFromBytes(row.Item);
                writer.PutItem(restored.Id, row, KeyCodec.IndexEntries(restored, item), hasIndexes: false);
                ItemAccounting.Apply(writer, restored, row.HashKey, null, item, long.MaxValue);
            }
            _catalog.Set(restored);
            return restored;
        });
    }

    /// <summary>The source's billing and throughput, or the overrides, checked as CreateTable checks them.</summary>
    private static TableDefinition Billing(TableDefinition source, RestoreCommand command)
    {
        var billing = command.BillingMode ?? source.BillingMode;
        if (billing is not ("PROVISIONED" or "PAY_PER_REQUEST"))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{billing}' at 'billingModeOverride' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        var overridden = command.ReadCapacityUnits is not null;
        if (billing == "PAY_PER_REQUEST")
        {
            if (overridden)
            {
                throw DynamoDbErrors.InvalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return source with
            {
                BillingMode = billing, ReadCapacityUnits = 0, WriteCapacityUnits = 0,
                Indexes = source.Indexes.Select(i => i with { ReadCapacityUnits = 0, WriteCapacityUnits = 0 }).ToList(),
            };
        }
        var read = command.ReadCapacityUnits ?? source.ReadCapacityUnits;
        var write = command.WriteCapacityUnits ?? source.WriteCapacityUnits;
        if (read < 1 || write < 1)
        {
            throw DynamoDbErrors.InvalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        // A GSI without throughput of its own (the source was on demand) takes the table's.
        return source with
        {
            BillingMode = billing, ReadCapacityUnits = read, WriteCapacityUnits = write,
            Indexes = source.Indexes.Select(i => i.IsGlobal && i.ReadCapacityUnits < 1 ? i with { ReadCapacityUnits = read, WriteCapacityUnits = write } : i).ToList(),
        };
    }
}
