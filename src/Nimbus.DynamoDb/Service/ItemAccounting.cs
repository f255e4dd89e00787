using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Keeps, inside each write's transaction, what DescribeTable reports (ItemCount, TableSizeBytes, and per index
/// ItemCount, IndexSizeBytes) and the size of each item collection of a table with local secondary indexes, so
/// neither needs a count over the table. Sizes follow AWS
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections): an item
/// collection is the table's items with one partition key plus their LSI entries, each index entry being its
/// projected attributes and keys plus 100 bytes of overhead.
/// </summary>
internal static class ItemAccounting
{
    private const int IndexEntryOverhead = 100;

    /// <summary>
    /// Records one item's change from <paramref name="old"/> to <paramref name="updated"/> (either null). Returns the
    /// item collection's size for a table with LSIs, else null; refuses a write that grows a collection past
    /// <paramref name="collectionLimit"/> (AWS's 10 GB) with ItemCollectionSizeLimitExceededException.
    /// </summary>
    public static long? Apply(IDynamoWriter writer, TableDefinition table, byte[] hashKey,
        IReadOnlyDictionary<string, AttributeValue>? old, IReadOnlyDictionary<string, AttributeValue>? updated, long collectionLimit)
    {
        if (old is null && updated is null)
        {
            return null;
        }
        var oldSize = old is null ? 0 : ItemSize.Of(old);
        var newSize = updated is null ? 0 : ItemSize.Of(updated);
        writer.AdjustStatistics(table.Id, "", Presence(updated) - Presence(old), newSize - oldSize);
        long collectionDelta = newSize - oldSize;
        foreach (var index in table.Indexes)
        {
            var before = old is null ? null : EntrySize(table, index, old);
            var after = updated is null ? null : EntrySize(table, index, updated);
            if (before is null && after is null)
            {
                continue;
            }
            writer.AdjustStatistics(table.Id, index.Name, (after is null ? 0 : 1) - (before is null ? 0 : 1), (after ?? 0) - (before ?? 0));
            if (!index.IsGlobal)
            {
                collectionDelta += (after ?? 0) - (before ?? 0);
            }
        }
        if (!table.Indexes.Any(i => !i.IsGlobal))
        {
            return null;
        }
        var collection = writer.AdjustCollection(table.Id, hashKey, collectionDelta);
        if (collectionDelta > 0 && collection > collectionLimit)
        {
            throw DynamoDbErrors.ItemCollectionSizeLimitExceeded("Collection size exceeded.");
        }
        return collection;
    }

    /// <summary>The size of an item's entry in an index, or null when the item is not in it (sparse index).</summary>
    public static long? EntrySize(TableDefinition table, IndexDefinition index, IReadOnlyDictionary<string, AttributeValue> item)
    {
        foreach (var attribute in index.Key.Attributes)
        {
            if (!item.ContainsKey(attribute.Name))
            {
                return null;
            }
        }
        return ItemSize.Of(ReadService.ProjectToIndex(table, index, item)) + IndexEntryOverhead;
    }

    private static int Presence(IReadOnlyDictionary<string, AttributeValue>? item) => item is null ? 0 : 1;
}
