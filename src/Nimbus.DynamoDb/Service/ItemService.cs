using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Single-item reads and writes. A write reads the current item, checks the condition, computes the new item and
/// writes it with its index entries and stream record — all inside one store write, which the store serialises,
/// so a condition is never checked against a stale item.
/// </summary>
internal sealed partial class ItemService
{
    private readonly IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly DynamoDbSettings _settings;
    private readonly DynamoDbMeter _meter;

    public ItemService(IDynamoStore store, TableCatalog catalog, TimeProvider time, DynamoDbSettings settings, DynamoDbMeter meter)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
        _settings = settings;
        _meter = meter;
    }

    public TableDefinition Table(AwsScope scope, string name) => _catalog.Get(scope, name);

    public async Task<ItemResult> PutItemAsync(AwsScope scope, string tableName, Dictionary<string, AttributeValue> item, WriteOptions options)
    {
        var table = _catalog.Get(scope, tableName);
        CheckReturnValues(options.ReturnValues, "NONE", "ALL_OLD");
        var key = ValidateNewItem(table, item, update: false);
        var result = await WriteCheckedAsync(scope, table, key, options, _ => item);
        return WriteResult(scope, table, options, options.ReturnValues == "ALL_OLD" ? result.Old : null, result);
    }

    /// <summary>Meters the write and builds its answer: attributes, ConsumedCapacity, ItemCollectionMetrics.</summary>
    private ItemResult WriteResult(AwsScope scope, TableDefinition table, WriteOptions options,
        IReadOnlyDictionary<string, AttributeValue>? attributes, MutationResult result)
    {
        var units = Capacity.Write(result.Old, result.New);
        _meter.Write(scope, table.Name, units);
        var collection = options.ReturnCollectionMetrics ? CollectionMetricsOf(table, result) : null;
        return new ItemResult(attributes, options.ReturnCapacity ? new ConsumedCapacity(table.Name, 0, units) : null, collection);
    }

    internal static CollectionMetrics? CollectionMetricsOf(TableDefinition table, MutationResult result) =>
        result.CollectionBytes is { } bytes && (result.New ?? result.Old) is { } item
            ? new CollectionMetrics(table.Name, new Dictionary<string, AttributeValue> { [table.Key.Hash.Name] = item[table.Key.Hash.Name] }, bytes)
            : null;

    public ItemResult GetItem(AwsScope scope, string tableName, IReadOnlyDictionary<string, AttributeValue> keyValue,
        IReadOnlyList<DocumentPath>? projection, bool consistent, bool returnCapacity)
    {
        var table = _catalog.Get(scope, tableName);
        var key = KeyCodec.OfKey(table.Key, keyValue);
        var row = _store.GetItem(table.Id, key.Hash, key.Range);
        var item = row is { } r ? AttributeValueWriter.ItemFromBytes(r.Item) : null;
        var size = item is null ? 0 : ItemSize.Of(item);
        if (item is not null && projection is not null)
        {
            item = Projector.Project(item, projection);
        }
        var units = Capacity.Read(size, consistent);
        _meter.Read(scope, table.Name, units);
        return new ItemResult(item, returnCapacity ? new ConsumedCapacity(table.Name, units, 0) : null);
    }

    public async Task<ItemResult> DeleteItemAsync(AwsScope scope, string tableName, IReadOnlyDictionary<string, AttributeValue> keyValue, WriteOptions options)
    {
        var table = _catalog.Get(scope, tableName);
        CheckReturnValues(options.ReturnValues, "NONE", "ALL_OLD");
        var key = KeyCodec.OfKey(table.Key, keyValue);
        var result = await WriteCheckedAsync(scope, table, key, options, _ => null);
        return WriteResult(scope, table, options, options.ReturnValues == "ALL_OLD" ? result.Old : null, result);
    }

    public async Task<ItemResult> UpdateItemAsync(AwsScope scope, string tableName, IReadOnlyDictionary<string, AttributeValue> keyValue,
        IReadOnlyList<UpdateAction> actions, WriteOptions options)
    {
        var table = _catalog.Get(scope, tableName);
        CheckReturnValues(options.ReturnValues, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        var key = KeyCodec.OfKey(table.Key, keyValue);
        CheckKeyNotUpdated(table, actions);
        var result = await WriteCheckedAsync(scope, table, key, options, current => ApplyUpdate(table, keyValue, actions, current));
        var (old, updated, _) = result;
        var paths = actions.Select(a => a.Path).ToList();
        IReadOnlyDictionary<string, AttributeValue>? attributes = options.ReturnValues switch
        {
            "ALL_OLD" => old,
            "ALL_NEW" => updated,
            "UPDATED_OLD" => old is null ? null : Projector.Project(old, paths),
            "UPDATED_NEW" => updated is null ? null : Projector.Project(updated, paths),
            _ => null,
        };
        return WriteResult(scope, table, options, attributes is { Count: > 0 } ? attributes : null, result);
    }

    internal static Dictionary<string, AttributeValue> ApplyUpdate(TableDefinition table, IReadOnlyDictionary<string, AttributeValue> keyValue,
        IReadOnlyList<UpdateAction> actions, IReadOnlyDictionary<string, AttributeValue>? current)
    {
        var updated = UpdateApplier.Apply(actions, current ?? keyValue);
        if (ItemSize.Of(updated) > ItemSize.MaxItemBytes)
        {
            throw DynamoDbErrors.Validation("Item size to update has exceeded the maximum allowed size");
        }
        KeyCodec.IndexEntries(table, updated);
        return updated;
    }

    internal static void CheckKeyNotUpdated(TableDefinition table, IReadOnlyList<UpdateAction> actions)
    {
        foreach (var action in actions)
        {
            if (table.Key.Contains(action.Path.Root))
            {
                throw DynamoDbErrors.InvalidParameter($"Cannot update attribute {action.Path.Root}. This attribute is part of the key");
            }
        }
    }

    /// <summary>Validates an item about to be written whole (PutItem, batch and transaction puts); returns its key.</summary>
    internal static (byte[] Hash, byte[] Range) ValidateNewItem(TableDefinition table, IReadOnlyDictionary<string, AttributeValue> item, bool update)
    {
        if (ItemSize.Of(item) > ItemSize.MaxItemBytes)
        {
            throw update ? DynamoDbErrors.Validation("Item size to update has exceeded the maximum allowed size") : DynamoDbErrors.ItemTooLarge();
        }
        var key = KeyCodec.OfItem(table.Key, item);
        KeyCodec.IndexEntries(table, item);
        return key;
    }

    internal static void CheckReturnValues(string value, params string[] allowed)
    {
        if (!allowed.Contains(value))
        {
            throw DynamoDbErrors.Validation("Return values set to invalid value");
        }
    }

    /// <summary>
    /// One conditional single-item write. A write whose condition fails still consumes write capacity, as much as
    /// writing the existing item (at least one unit), so it is metered before the failure reaches the caller
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalUpdate).
    /// </summary>
    private async Task<MutationResult> WriteCheckedAsync(AwsScope scope, TableDefinition table, (byte[] Hash, byte[] Range) key, WriteOptions options,
        Func<Dictionary<string, AttributeValue>?, Dictionary<string, AttributeValue>?> change)
    {
        double failedUnits = 0;
        try
        {
            return await _store.WriteAsync(w => Mutate(w, table, key, current =>
            {
                if (options.Condition is not null && !ConditionEvaluator.Evaluate(options.Condition, current))
                {
                    failedUnits = Capacity.Write(current, null);
                    throw ConditionalCheckFailed(options.ReturnItemOnConditionFailure ? current : null);
                }
                return change(current);
            }));
        }
        catch (AwsServiceException) when (failedUnits > 0)
        {
            _meter.Write(scope, table.Name, failedUnits);
            throw;
        }
    }

    public static AwsServiceException ConditionalCheckFailed(IReadOnlyDictionary<string, AttributeValue>? item)
    {
        var error = new AwsServiceException("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", 400, "The conditional request failed");
        return item is null ? error : new AwsServiceException(error.ErrorCode, 400, error.Message)
        {
            JsonFields = new Dictionary<string, string> { ["Item"] = System.Text.Encoding.UTF8.GetString(AttributeValueWriter.ItemToBytes(item)) },
        };
    }

    /// <summary>
    /// The heart of every write: old item → new item (null deletes), index entries replaced, a stream record
    /// appended when the item really changed. Runs inside the store's transaction.
    /// </summary>
    internal MutationResult Mutate(IDynamoWriter writer, TableDefinition table,
        (byte[] Hash, byte[] Range) key, Func<Dictionary<string, AttributeValue>?, Dictionary<string, AttributeValue>?> change, bool byTtl = false)
    {
        var row = writer.GetItem(table.Id, key.Hash, key.Range);
        var old = row is { } r ? AttributeValueWriter.ItemFromBytes(r.Item) : null;
        var updated = change(old);
        if (updated is not null)
        {
            writer.PutItem(table.Id, new StoredItem(key.Hash, key.Range, AttributeValueWriter.ItemToBytes(updated)), KeyCodec.IndexEntries(table, updated),
                table.Indexes.Count > 0);
        }
        else if (old is not null)
        {
            writer.DeleteItem(table.Id, key.Hash, key.Range, table.Indexes.Count > 0);
        }
        var collection = ItemAccounting.Apply(writer, table, key.Hash, old, updated, _settings.ItemCollectionSizeLimitBytes);
        // Only a stream needs to know whether the item really changed (a comparison of every attribute).
        if (table.Stream is { Enabled: true } stream && (old is null ? updated is not null : updated is null || !ItemsEqual(old, updated)))
        {
            var now = _time.GetUtcNow();
            writer.AppendStreamRecord(stream.Arn, now.ToUnixTimeMilliseconds(),
                sequence => StreamRecordBuilder.Build(table, stream, sequence, now, old, updated, byTtl));
        }
        return new MutationResult(old, updated, collection);
    }

    private static bool ItemsEqual(Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && p.Value.Equals(v));
}
