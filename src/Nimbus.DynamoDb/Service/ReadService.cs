using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Keys;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Query and Scan. Both read rows in key order and stop at Limit items evaluated or 1 MB read (before the
/// filter, as AWS counts), returning LastEvaluatedKey when they stopped early. A Query is one range scan of the
/// table's or index's primary key; Scan segments split partitions by a hash of the partition key.
/// </summary>
internal sealed class ReadService
{
    public const int PageBytes = 1024 * 1024;

    private readonly IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly DynamoDbMeter _meter;

    public ReadService(IDynamoStore store, TableCatalog catalog, DynamoDbMeter meter)
    {
        _store = store;
        _catalog = catalog;
        _meter = meter;
    }

    public ReadResult Query(AwsScope scope, ReadCommand command)
    {
        var table = _catalog.Get(scope, command.TableName);
        var index = Index(table, command);
        var key = index?.Key ?? table.Key;
        if (command.KeyCondition is null)
        {
            throw DynamoDbErrors.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        var (hash, bounds) = KeyConditionAnalyzer.Analyze(command.KeyCondition, key);
        var start = StartKey(table, index, command.ExclusiveStartKey, query: true);
        var request = new ScanRequest { TableId = table.Id, Index = index?.Name, HashKey = hash, Bounds = bounds, Forward = command.Forward, StartAfter = start };
        return Page(scope, table, index, command, _store.Scan(request), segment: null);
    }

    public ReadResult Scan(AwsScope scope, ReadCommand command)
    {
        var table = _catalog.Get(scope, command.TableName);
        var index = Index(table, command);
        (int Segment, int Total)? segment = null;
        if (command.Segment is not null || command.TotalSegments is not null)
        {
            if (command.TotalSegments is null)
            {
                throw DynamoDbErrors.Validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
            }
            if (command.Segment is null)
            {
                throw DynamoDbErrors.Validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
            }
            if (command.TotalSegments is < 1 or > 1000000)
            {
                throw DynamoDbErrors.Validation($"1 validation error detected: Value '{command.TotalSegments}' at 'totalSegments' failed to satisfy constraint: Member must have value {(command.TotalSegments < 1 ? "greater than or equal to 1" : "less than or equal to 1000000")}");
            }
            if (command.Segment < 0 || command.Segment >= command.TotalSegments)
            {
                throw DynamoDbErrors.Validation($"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: {command.Segment} is not less than TotalSegments: {command.TotalSegments}");
            }
            segment = (command.Segment.Value, command.TotalSegments.Value);
        }
        var start = StartKey(table, index, command.ExclusiveStartKey, query: false);
        var request = new ScanRequest { TableId = table.Id, Index = index?.Name, StartAfter = start };
        return Page(scope, table, index, command, _store.Scan(request), segment);
    }

    private static IndexDefinition? Index(TableDefinition table, ReadCommand command)
    {
        if (command.Limit is < 1)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{command.Limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        IndexDefinition? index = null;
        if (command.IndexName is { } name)
        {
            index = table.FindIndex(name) ?? throw DynamoDbErrors.Validation($"The table does not have the specified index: {name}");
            if (index.IsGlobal && command.ConsistentRead)
            {
                throw DynamoDbErrors.Validation("Consistent reads are not supported on global secondary indexes");
            }
        }
        switch (command.Select)
        {
            case null or "COUNT" or "ALL_ATTRIBUTES" or "ALL_PROJECTED_ATTRIBUTES" or "SPECIFIC_ATTRIBUTES":
                break;
            default:
                throw DynamoDbErrors.Validation($"1 validation error detected: Value '{command.Select}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        if (command.Select == "ALL_PROJECTED_ATTRIBUTES" && index is null)
        {
            throw DynamoDbErrors.InvalidParameter("Select type ALL_PROJECTED_ATTRIBUTES is not supported for a query or scan on a table; it can be used only when querying or scanning an index");
        }
        if (command.Select == "ALL_ATTRIBUTES" && index is { IsGlobal: true, ProjectionType: not "ALL" })
        {
            throw DynamoDbErrors.InvalidParameter($"Select type ALL_ATTRIBUTES is not supported for global secondary index {index.Name} because its projection type is not ALL");
        }
        if (command.Select == "SPECIFIC_ATTRIBUTES" && command.Projection is null)
        {
            throw DynamoDbErrors.InvalidParameter("Select type SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression");
        }
        if (command.Select is "ALL_ATTRIBUTES" or "ALL_PROJECTED_ATTRIBUTES" or "COUNT" && command.Projection is not null)
        {
            throw DynamoDbErrors.Validation($"Cannot specify the AttributesToGet or ProjectionExpression when choosing to get {command.Select}");
        }
        return index;
    }

    /// <summary>ExclusiveStartKey → the store's resume position (sort columns after the fixed prefix).</summary>
    private static byte[][]? StartKey(TableDefinition table, IndexDefinition? index, IReadOnlyDictionary<string, AttributeValue>? key, bool query)
    {
        if (key is null)
        {
            return null;
        }
        var expected = table.Key.Attributes.Concat(index?.Key.Attributes ?? []).Select(a => a.Name).Distinct().ToList();
        if (key.Count != expected.Count || !expected.All(key.ContainsKey))
        {
            throw DynamoDbErrors.Validation("The provided starting key is invalid: The provided key element does not match the schema");
        }
        var tableKey = KeyCodec.OfItem(table.Key, key);
        if (index is null)
        {
            return query ? [tableKey.Range] : [tableKey.Hash, tableKey.Range];
        }
        var entry = KeyCodec.IndexEntry(index, key)!.Value;
        return query ? [entry.IndexRangeKey, tableKey.Hash, tableKey.Range] : [entry.IndexHashKey, entry.IndexRangeKey, tableKey.Hash, tableKey.Range];
    }

    private ReadResult Page(AwsScope scope, TableDefinition table, IndexDefinition? index, ReadCommand command, IEnumerable<ScannedItem> rows, (int Segment, int Total)? segment)
    {
        var items = command.Select == "COUNT" ? null : new List<IReadOnlyDictionary<string, AttributeValue>>();
        var count = 0;
        var scanned = 0;
        long bytes = 0;
        Dictionary<string, AttributeValue>? last = null;
        var stopped = false;
        foreach (var row in rows)
        {
            if (segment is { } s && SegmentOf(row.Item.HashKey, s.Total) != s.Segment)
            {
                continue;
            }
            var item = AttributeValueWriter.ItemFromBytes(row.Item.Item);
            scanned++;
            bytes += ItemSize.Of(item);
            last = item;
            var visible = index is { IsGlobal: true } || (index is not null && command.Select is null or "ALL_PROJECTED_ATTRIBUTES")
                ? ProjectToIndex(table, index, item)
                : item;
            if (command.Filter is null || ConditionEvaluator.Evaluate(command.Filter, visible))
            {
                count++;
                items?.Add(command.Projection is null ? visible : Projector.Project(visible, command.Projection));
            }
            if (scanned == command.Limit || bytes >= command.PageBytes)
            {
                // AWS answers LastEvaluatedKey whenever it stopped at Limit or 1 MB, even if nothing follows.
                stopped = true;
                break;
            }
        }
        var lastKey = stopped && last is not null ? LastKey(table, index, last) : null;
        // Charged on the total size read, before the filter (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
        var units = Capacity.Read(bytes, command.ConsistentRead);
        _meter.Read(scope, table.Name, units);
        var capacity = command.ReturnCapacity ? new ConsumedCapacity(table.Name, units, 0) : null;
        return new ReadResult(items, count, scanned, lastKey, capacity) { BytesRead = bytes };
    }

    private static Dictionary<string, AttributeValue> LastKey(TableDefinition table, IndexDefinition? index, Dictionary<string, AttributeValue> item)
    {
        var key = KeyCodec.KeyAttributes(table.Key, item);
        if (index is not null)
        {
            foreach (var (name, value) in KeyCodec.KeyAttributes(index.Key, item))
            {
                key[name] = value;
            }
        }
        return key;
    }

    /// <summary>The attributes an index holds: keys of the table and index, plus what its projection names.</summary>
    public static Dictionary<string, AttributeValue> ProjectToIndex(TableDefinition table, IndexDefinition index, IReadOnlyDictionary<string, AttributeValue> item)
    {
        if (index.ProjectionType == "ALL")
        {
            return new Dictionary<string, AttributeValue>(item, StringComparer.Ordinal);
        }
        var names = table.Key.Attributes.Concat(index.Key.Attributes).Select(a => a.Name).Concat(index.NonKeyAttributes).ToHashSet(StringComparer.Ordinal);
        return item.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>FNV-1a of the encoded partition key: stable across restarts, so a parallel scan can be resumed.</summary>
    private static int SegmentOf(byte[] hashKey, int total)
    {
        var hash = 2166136261u;
        foreach (var b in hashKey)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)total);
    }
}
