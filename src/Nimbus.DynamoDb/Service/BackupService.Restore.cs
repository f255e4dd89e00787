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
        var table = Indexes(Billing(source, command), command) with
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

    /// <summary>
    /// The index overrides: AWS lets a restore leave out some or all of the backup's indexes ("the indexes provided should
    /// match existing secondary indexes"), so each must name one of them with the same key schema; its projection and
    /// throughput are the override's. Attribute definitions no key uses any more are dropped, as CreateTable requires.
    /// </summary>
    private static TableDefinition Indexes(TableDefinition table, RestoreCommand command)
    {
        if (command.GlobalIndexes is null && command.LocalIndexes is null)
        {
            return table;
        }
        var indexes = new List<IndexDefinition>();
        foreach (var (specs, global) in new[] { (command.LocalIndexes, false), (command.GlobalIndexes, true) })
        {
            if (specs is null)
            {
                indexes.AddRange(table.Indexes.Where(i => i.IsGlobal == global));
                continue;
            }
            foreach (var spec in specs)
            {
                var index = SchemaValidator.Index(spec, global, table.Key, table.AttributeDefinitions, table.BillingMode);
                if (table.FindIndex(spec.Name) is not { } existing || existing.IsGlobal != global || existing.Key != index.Key)
                {
                    throw DynamoDbErrors.InvalidParameter($"Index {spec.Name} does not match a {(global ? "global" : "local")} secondary index of the backup with the same key schema");
                }
                if (indexes.Any(i => i.Name == spec.Name))
                {
                    throw DynamoDbErrors.InvalidParameter($"Duplicate index name: {spec.Name}");
                }
                indexes.Add(index);
            }
        }
        var used = table.Key.Attributes.Concat(indexes.SelectMany(i => i.Key.Attributes)).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return table with
        {
            Indexes = indexes,
            AttributeDefinitions = table.AttributeDefinitions.Where(a => used.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        };
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
