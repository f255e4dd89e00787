using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Service;

internal sealed partial class TransactionService
{
    public const int MaxBatchGetKeys = 100;
    public const int MaxBatchWriteRequests = 25;
    private const long BatchGetBytes = 16 * 1024 * 1024;

    /// <summary>TransactGetItems: read through the serialised writer, so the items are one consistent snapshot.</summary>
    public async Task<List<IReadOnlyDictionary<string, AttributeValue>?>> TransactGetAsync(AwsScope scope, IReadOnlyList<TransactGetItem> gets)
    {
        if (gets.Count is 0 or > MaxTransactItems)
        {
            throw DynamoDbErrors.ListLength("transactItems", "TransactGetItem", gets.Count, MaxTransactItems);
        }
        var prepared = gets.Select(g =>
        {
            var table = _catalog.Get(scope, g.TableName);
            return (Get: g, Table: table, Key: KeyCodec.OfKey(table.Key, g.Key));
        }).ToList();
        var items = await _store.WriteAsync(writer => prepared.Select(p =>
            writer.GetItem(p.Table.Id, p.Key.Hash, p.Key.Range) is { } row ? AttributeValueWriter.ItemFromBytes(row.Item) : null).ToList());
        // Transactional reads cost 2 read units per 4 KB of each item (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling).
        foreach (var group in prepared.Select((p, i) => (p.Table.Name, Units: Capacity.Read(items[i] is { } item ? ItemSize.Of(item) : 0, consistent: true, transactional: true))).GroupBy(u => u.Name))
        {
            _meter.Read(scope, group.Key, group.Sum(u => u.Units));
        }
        return prepared.Select((p, i) => items[i] is { } item
            ? (IReadOnlyDictionary<string, AttributeValue>?)(p.Get.Projection is null ? item : Projector.Project(item, p.Get.Projection))
            : null).ToList();
    }

    /// <summary>BatchGetItem: up to 100 keys; what does not fit in 16 MB is returned as UnprocessedKeys.</summary>
    public (Dictionary<string, List<IReadOnlyDictionary<string, AttributeValue>>> Items, List<TransactGetItem> Unprocessed, List<ConsumedCapacity> Capacity)
        BatchGet(AwsScope scope, IReadOnlyList<TransactGetItem> gets)
    {
        if (gets.Count > MaxBatchGetKeys)
        {
            throw DynamoDbErrors.Validation("Too many items requested for the BatchGetItem call");
        }
        var tables = gets.Select(g => g.TableName).Distinct().ToDictionary(n => n, n => _catalog.Get(scope, n));
        var keys = gets.Select(g => (Get: g, Key: KeyCodec.OfKey(tables[g.TableName].Key, g.Key))).ToList();
        if (keys.GroupBy(k => (k.Get.TableName, Convert.ToBase64String(k.Key.Hash), Convert.ToBase64String(k.Key.Range))).Any(g => g.Count() > 1))
        {
            throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
        }
        var results = tables.Keys.ToDictionary(n => n, _ => new List<IReadOnlyDictionary<string, AttributeValue>>());
        var unprocessed = new List<TransactGetItem>();
        var units = new Dictionary<string, double>();
        long bytes = 0;
        var full = false;
        foreach (var (get, key) in keys)
        {
            if (full)
            {
                unprocessed.Add(get);
                continue;
            }
            var table = tables[get.TableName];
            if (_store.GetItem(table.Id, key.Hash, key.Range) is { } row)
            {
                var item = AttributeValueWriter.ItemFromBytes(row.Item);
                var size = ItemSize.Of(item);
                if (bytes + size > BatchGetBytes)
                {
                    // 16 MB per call: this key and every one after it are left for the caller to ask again.
                    full = true;
                    unprocessed.Add(get);
                    continue;
                }
                bytes += size;
                units[table.Name] = units.GetValueOrDefault(table.Name) + Capacity.Read(size, get.ConsistentRead);
                results[get.TableName].Add(get.Projection is null ? item : Projector.Project(item, get.Projection));
            }
        }
        foreach (var (table, read) in units)
        {
            _meter.Read(scope, table, read);
        }
        return (results, unprocessed, units.Select(u => new ConsumedCapacity(u.Key, u.Value, 0)).ToList());
    }

    /// <summary>BatchWriteItem: up to 25 puts and deletes, validated together, written in one store write.</summary>
    public async Task<(List<ConsumedCapacity> Capacity, List<CollectionMetrics> Collections)> BatchWriteAsync(AwsScope scope, IReadOnlyList<TransactWriteItem> requests)
    {
        if (requests.Count is 0 or > MaxBatchWriteRequests)
        {
            throw DynamoDbErrors.Validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        var prepared = requests.Select(r => Prepare(scope, r)).ToList();
        if (prepared.GroupBy(p => (p.Table.Id, Convert.ToBase64String(p.Key.Hash), Convert.ToBase64String(p.Key.Range))).Any(g => g.Count() > 1))
        {
            throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
        }
        var results = await _store.WriteAsync(writer => prepared.Select(p => _items.Mutate(writer, p.Table, p.Key, _ => Apply(p, null))).ToList());
        var capacity = prepared.Select((p, i) => (p.Table.Name, Units: Capacity.Write(results[i].Old, results[i].New)))
            .GroupBy(u => u.Name).Select(g => new ConsumedCapacity(g.Key, 0, g.Sum(u => u.Units))).ToList();
        foreach (var units in capacity)
        {
            _meter.Write(scope, units.TableName, units.WriteUnits);
        }
        var collections = prepared.Select((p, i) => ItemService.CollectionMetricsOf(p.Table, results[i])).OfType<CollectionMetrics>().ToList();
        return (capacity, collections);
    }
}
