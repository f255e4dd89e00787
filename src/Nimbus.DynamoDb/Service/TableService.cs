using System.Globalization;
using Nimbus.Core;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Table lifecycle: create, describe, list, update (indexes with backfill, streams, billing), delete, tags and
/// TTL settings. Tables are usable as soon as CreateTable returns; the response still says CREATING, as AWS's does,
/// and DescribeTable says ACTIVE, so waiters finish on their first poll.
/// </summary>
internal sealed partial class TableService
{
    public const int MaxLocalIndexes = 5;
    public const int MaxGlobalIndexes = 20;

    private readonly IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly TimeProvider _time;

    public TableService(IDynamoStore store, TableCatalog catalog, TimeProvider time)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
    }

    public TableCatalog Catalog => _catalog;

    public async Task<TableDefinition> CreateTableAsync(AwsScope scope, CreateTableCommand command)
    {
        SchemaValidator.TableName(command.TableName);
        var attributes = SchemaValidator.Attributes(command.AttributeDefinitions);
        var key = SchemaValidator.Key(command.KeySchema, attributes, "keySchema");
        var billing = command.BillingMode ?? "PROVISIONED";
        if (billing is not ("PROVISIONED" or "PAY_PER_REQUEST"))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{billing}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        if (billing == "PROVISIONED" && (command.ReadCapacityUnits is null || command.WriteCapacityUnits is null))
        {
            throw DynamoDbErrors.InvalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (billing == "PAY_PER_REQUEST" && (command.ReadCapacityUnits is not null || command.WriteCapacityUnits is not null))
        {
            throw DynamoDbErrors.InvalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (command.HasLocalIndexList && command.LocalSecondaryIndexes.Count == 0)
        {
            throw DynamoDbErrors.InvalidParameter("List of LocalSecondaryIndexes is empty");
        }
        if (command.HasGlobalIndexList && command.GlobalSecondaryIndexes.Count == 0)
        {
            throw DynamoDbErrors.InvalidParameter("List of GlobalSecondaryIndexes is empty");
        }
        if (command.LocalSecondaryIndexes.Count > MaxLocalIndexes)
        {
            throw DynamoDbErrors.InvalidParameter($"Number of LocalSecondaryIndexes exceeds per-table limit of {MaxLocalIndexes}");
        }
        if (command.GlobalSecondaryIndexes.Count > MaxGlobalIndexes)
        {
            throw DynamoDbErrors.LimitExceeded($"Subscriber limit exceeded: The number of global indexes for table {command.TableName} exceeds the limit of {MaxGlobalIndexes}.");
        }
        var indexes = command.LocalSecondaryIndexes.Select(s => SchemaValidator.Index(s, false, key, attributes, billing))
            .Concat(command.GlobalSecondaryIndexes.Select(s => SchemaValidator.Index(s, true, key, attributes, billing)))
            .ToList();
        if (indexes.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw DynamoDbErrors.InvalidParameter($"Duplicate index name: {duplicate.Key}");
        }
        var used = key.Attributes.Concat(indexes.SelectMany(i => i.Key.Attributes)).Select(a => a.Name).ToHashSet();
        if (attributes.Keys.Any(a => !used.Contains(a)))
        {
            throw DynamoDbErrors.InvalidParameter("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }

        if (command.ResourcePolicy is { } document)
        {
            CheckPolicyDocument(document);
        }
        var now = _time.GetUtcNow();
        var arn = Arn.Build("dynamodb", scope, "table/" + command.TableName);
        var table = new TableDefinition
        {
            AccountId = scope.AccountId,
            Region = scope.Region,
            Name = command.TableName,
            TableId = Guid.NewGuid().ToString(),
            Arn = arn,
            CreatedAt = now.ToUnixTimeMilliseconds() / 1000.0,
            Key = key,
            AttributeDefinitions = attributes,
            Indexes = indexes,
            BillingMode = billing,
            ReadCapacityUnits = command.ReadCapacityUnits ?? 0,
            WriteCapacityUnits = command.WriteCapacityUnits ?? 0,
            Stream = command.Stream is { Enabled: true } stream ? NewStream(arn, SchemaValidator.StreamViewType(stream), now) : null,
            Tags = command.Tags,
            DeletionProtectionEnabled = command.DeletionProtectionEnabled,
            TableClass = command.TableClass ?? "STANDARD",
            Policies = command.ResourcePolicy is { } policy
                ? new Dictionary<string, ResourcePolicy> { [arn] = NewPolicy(policy, null) }
                : new Dictionary<string, ResourcePolicy>(),
        };
        var id = await _store.WriteAsync(writer =>
        {
            // Checked inside the serialised writer so two concurrent CreateTable calls cannot both succeed.
            if (_catalog.Find(scope, command.TableName) is not null)
            {
                throw DynamoDbErrors.ResourceInUse($"Table already exists: {command.TableName}");
            }
            var id = writer.InsertTable(table);
            _catalog.Set(table with { Id = id });
            return id;
        });
        return table with { Id = id };
    }

    private StreamSettings NewStream(string tableArn, string viewType, DateTimeOffset now)
    {
        var label = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return new StreamSettings(true, viewType, $"{tableArn}/stream/{label}", label);
    }

    public TableDefinition Describe(AwsScope scope, string name) => _catalog.Get(scope, name);

    /// <summary>Item counts and sizes of the table (key "") and its indexes, kept by every write.</summary>
    public IReadOnlyDictionary<string, ItemStatistics> Statistics(TableDefinition table) =>
        _store.Statistics(table.Id) ?? new Dictionary<string, ItemStatistics>();

    public (IReadOnlyList<string> Names, string? LastEvaluated) List(AwsScope scope, string? exclusiveStart, int? limit)
    {
        if (limit is < 1 or > 100)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value {(limit < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
        }
        var names = _catalog.List(scope).Select(t => t.Name)
            .Where(n => exclusiveStart is null || string.CompareOrdinal(n, exclusiveStart) > 0)
            .ToList();
        var max = limit ?? 100;
        return names.Count > max ? (names[..max], names[max - 1]) : (names, null);
    }

    public async Task<TableDefinition> DeleteTableAsync(AwsScope scope, string name)
    {
        var table = _catalog.Get(scope, name);
        if (table.DeletionProtectionEnabled)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Table '{table.Name}' can't be deleted while DeletionProtectionEnabled is set to True");
        }
        await _store.WriteAsync(writer =>
        {
            writer.DeleteTable(table.Id);
            _catalog.Remove(table);
            return 0;
        });
        return table;
    }

    /// <summary>Replaces a table's definition durably, then in the catalog.</summary>
    private Task<TableDefinition> SaveAsync(TableDefinition table, Action<IDynamoWriter>? alsoWrite = null) => _store.WriteAsync(writer =>
    {
        alsoWrite?.Invoke(writer);
        writer.SaveTable(table);
        _catalog.Set(table);
        return table;
    });
}
