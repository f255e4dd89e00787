using Nimbus.Core;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

internal sealed partial class TableService
{
    /// <summary>
    /// UpdateTable. A new GSI is backfilled from the table's items in the same transaction that adds it, so it is
    /// ACTIVE (and complete) when the call returns; the response reports it CREATING, as AWS's does.
    /// </summary>
    public async Task<(TableDefinition Table, IReadOnlyList<string> CreatingIndexes)> UpdateTableAsync(AwsScope scope, UpdateTableCommand command)
    {
        var table = _catalog.Get(scope, command.TableName);
        var updated = table;
        var attributes = new Dictionary<string, AttributeKind>(table.AttributeDefinitions, StringComparer.Ordinal);
        foreach (var (name, kind) in SchemaValidator.Attributes(command.AttributeDefinitions))
        {
            attributes[name] = kind;
        }
        if (command.BillingMode is { } billing)
        {
            if (billing is not ("PROVISIONED" or "PAY_PER_REQUEST"))
            {
                throw DynamoDbErrors.Validation($"1 validation error detected: Value '{billing}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
            }
            if (billing == "PROVISIONED" && command.ReadCapacityUnits is null && table.BillingMode != "PROVISIONED")
            {
                throw DynamoDbErrors.InvalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
            }
            updated = updated with { BillingMode = billing };
        }
        if (command.ReadCapacityUnits is { } read && command.WriteCapacityUnits is { } write)
        {
            if (updated.BillingMode == "PAY_PER_REQUEST")
            {
                throw DynamoDbErrors.InvalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            updated = updated with { ReadCapacityUnits = read, WriteCapacityUnits = write };
        }
        if (command.Stream is { } stream)
        {
            updated = updated with { Stream = UpdateStream(table, stream) };
        }
        if (command.DeletionProtectionEnabled is { } protection)
        {
            updated = updated with { DeletionProtectionEnabled = protection };
        }
        if (command.TableClass is { } tableClass)
        {
            updated = updated with { TableClass = tableClass };
        }

        var indexes = table.Indexes.ToList();
        foreach (var name in command.DeleteIndexes)
        {
            if (indexes.RemoveAll(i => i.IsGlobal && i.Name == name) == 0)
            {
                throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: Index: {name} not found");
            }
        }
        foreach (var (name, (indexRead, indexWrite)) in command.UpdateIndexes)
        {
            var at = indexes.FindIndex(i => i.IsGlobal && i.Name == name);
            if (at < 0)
            {
                throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: Index: {name} not found");
            }
            indexes[at] = indexes[at] with { ReadCapacityUnits = indexRead, WriteCapacityUnits = indexWrite };
        }
        var created = new List<IndexDefinition>();
        foreach (var spec in command.CreateIndexes)
        {
            if (indexes.Any(i => i.Name == spec.Name))
            {
                throw DynamoDbErrors.Validation($"One or more parameter values were invalid: Index with name: {spec.Name} already exists");
            }
            var index = SchemaValidator.Index(spec, true, table.Key, attributes, updated.BillingMode);
            created.Add(index);
            indexes.Add(index);
        }
        if (indexes.Count(i => i.IsGlobal) > MaxGlobalIndexes)
        {
            throw DynamoDbErrors.LimitExceeded($"Subscriber limit exceeded: The number of global indexes for table {table.Name} exceeds the limit of {MaxGlobalIndexes}.");
        }
        updated = updated with
        {
            Indexes = indexes,
            AttributeDefinitions = attributes,
            // A deleted GSI takes its contributor insights state with it (a new index of the same name starts DISABLED).
            ContributorInsights = updated.ContributorInsights.Where(c => c.Key == "" || indexes.Any(i => i.IsGlobal && i.Name == c.Key))
                .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };
        var result = await SaveAsync(updated, writer =>
        {
            foreach (var name in command.DeleteIndexes)
            {
                writer.DeleteIndex(table.Id, name);
            }
            if (created.Count > 0)
            {
                Backfill(writer, table, created);
            }
        });
        return (result, created.Select(i => i.Name).ToList());
    }

    private void Backfill(IDynamoWriter writer, TableDefinition table, List<IndexDefinition> indexes)
    {
        foreach (var row in _store.Scan(new ScanRequest { TableId = table.Id }).ToList())
        {
            var item = AttributeValueWriter.ItemFromBytes(row.Item.Item);
            foreach (var index in indexes)
            {
                // AWS skips items whose index key has the wrong type during a backfill (they are reported as
                // violations, not failures); a write after the index exists is rejected instead.
                try
                {
                    if (KeyCodec.IndexEntry(index, item) is { } entry)
                    {
                        writer.PutIndexEntry(table.Id, entry, row.Item.HashKey, row.Item.RangeKey);
                        writer.AdjustStatistics(table.Id, index.Name, 1, ItemAccounting.EntrySize(table, index, item) ?? 0);
                    }
                }
                catch (AwsServiceException)
                {
                }
            }
        }
    }

    private StreamSettings? UpdateStream(TableDefinition table, StreamSpec stream)
    {
        var current = table.Stream is { Enabled: true };
        if (stream.Enabled)
        {
            if (current)
            {
                throw DynamoDbErrors.Validation($"Table already has an enabled stream: TableName: {table.Name}");
            }
            return NewStream(table.Arn, SchemaValidator.StreamViewType(stream), _time.GetUtcNow());
        }
        if (!current)
        {
            // AWS's wording, as real DynamoDB answers it (aws-controllers-k8s/community#2782).
            throw DynamoDbErrors.Validation($"Table has no stream to disable: TableName: {table.Name}");
        }
        return table.Stream! with { Enabled = false };
    }

    public Task TagAsync(AwsScope scope, string arn, IReadOnlyDictionary<string, string> tags)
    {
        var table = ByArn(scope, arn);
        var merged = new Dictionary<string, string>(table.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            merged[key] = value;
        }
        if (merged.Count > 50)
        {
            throw DynamoDbErrors.LimitExceeded("The number of tags exceeds the limit of 50.");
        }
        return SaveAsync(table with { Tags = merged });
    }

    public Task UntagAsync(AwsScope scope, string arn, IReadOnlyList<string> keys)
    {
        var table = ByArn(scope, arn);
        var remaining = table.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return SaveAsync(table with { Tags = remaining });
    }

    public IReadOnlyDictionary<string, string> Tags(AwsScope scope, string arn) => ByArn(scope, arn).Tags;

    private TableDefinition ByArn(AwsScope scope, string arn) =>
        _catalog.List(scope).FirstOrDefault(t => t.Arn == arn)
        ?? throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: ResourcArn: {arn} not found");

    public async Task<(bool Enabled, string Attribute)> UpdateTimeToLiveAsync(AwsScope scope, string name, bool enabled, string attribute)
    {
        var table = _catalog.Get(scope, name);
        if (enabled && table.TtlAttribute is not null)
        {
            throw DynamoDbErrors.Validation("TimeToLive is already enabled");
        }
        if (!enabled && table.TtlAttribute is null)
        {
            throw DynamoDbErrors.Validation("TimeToLive is already disabled");
        }
        if (!enabled && table.TtlAttribute != attribute)
        {
            throw DynamoDbErrors.Validation("TimeToLive attribute name does not match the enabled attribute name");
        }
        await SaveAsync(table with { TtlAttribute = enabled ? attribute : null });
        return (enabled, attribute);
    }
}
