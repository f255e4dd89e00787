using System.Text;
using Nimbus.DynamoDb.Keys;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>Validates key attributes the way AWS does and encodes them for the store.</summary>
internal static class KeyCodec
{
    public const int MaxHashKeyBytes = 2048;
    public const int MaxRangeKeyBytes = 1024;

    /// <summary>The key of an item being written: every key attribute present, of its type, not empty.</summary>
    public static (byte[] Hash, byte[] Range) OfItem(KeySchema key, IReadOnlyDictionary<string, AttributeValue> item)
    {
        var hash = Attribute(key.Hash, item, MaxHashKeyBytes);
        var range = key.Range is null ? [] : Attribute(key.Range, item, MaxRangeKeyBytes);
        return (hash, range);
    }

    private static byte[] Attribute(KeyAttribute attribute, IReadOnlyDictionary<string, AttributeValue> item, int maxBytes)
    {
        if (!item.TryGetValue(attribute.Name, out var value))
        {
            throw DynamoDbErrors.InvalidParameter($"Missing the key {attribute.Name} in the item");
        }
        CheckType(attribute, value);
        var bytes = KeyEncoder.Encode(value);
        var size = value.Kind == AttributeKind.N ? 0 : bytes.Length;
        if (size > maxBytes)
        {
            throw maxBytes == MaxHashKeyBytes
                ? DynamoDbErrors.InvalidParameter($"Size of hashkey has exceeded the maximum size limit of{MaxHashKeyBytes} bytes")
                : DynamoDbErrors.InvalidParameter($"Aggregated size of all range keys has exceeded the size limit of {MaxRangeKeyBytes} bytes");
        }
        return bytes;
    }

    public static void CheckType(KeyAttribute attribute, AttributeValue value)
    {
        if (value.Kind != attribute.Type)
        {
            throw DynamoDbErrors.InvalidParameter($"Type mismatch for key {attribute.Name} expected: {attribute.Type} actual: {value.Kind}");
        }
        if ((value.Kind == AttributeKind.S && value.S.Length == 0) || (value.Kind == AttributeKind.B && value.B.Length == 0))
        {
            var kind = value.Kind == AttributeKind.S ? "string" : "binary";
            throw DynamoDbErrors.Validation($"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty {kind} value. Key: {attribute.Name}");
        }
    }

    /// <summary>A Key parameter (GetItem, DeleteItem, UpdateItem, batches): exactly the key attributes.</summary>
    public static (byte[] Hash, byte[] Range) OfKey(KeySchema key, IReadOnlyDictionary<string, AttributeValue> value)
    {
        if (value.Count != key.Attributes.Count() || !key.Attributes.All(a => value.TryGetValue(a.Name, out var v) && v.Kind == a.Type))
        {
            throw DynamoDbErrors.KeyMismatch();
        }
        return OfItem(key, value);
    }

    public static Dictionary<string, AttributeValue> KeyAttributes(KeySchema key, IReadOnlyDictionary<string, AttributeValue> item)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var attribute in key.Attributes)
        {
            if (item.TryGetValue(attribute.Name, out var value))
            {
                result[attribute.Name] = value;
            }
        }
        return result;
    }

    /// <summary>
    /// The item's entries in the table's secondary indexes. An item without an index's key attributes is not in
    /// that index (sparse indexes); one with a key attribute of the wrong type is rejected.
    /// </summary>
    public static IReadOnlyList<IndexEntry> IndexEntries(TableDefinition table, IReadOnlyDictionary<string, AttributeValue> item)
    {
        if (table.Indexes.Count == 0)
        {
            return [];
        }
        var entries = new List<IndexEntry>(table.Indexes.Count);
        foreach (var index in table.Indexes)
        {
            if (IndexEntry(index, item) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    public static IndexEntry? IndexEntry(IndexDefinition index, IReadOnlyDictionary<string, AttributeValue> item)
    {
        byte[]? hash = null;
        byte[] range = [];
        foreach (var attribute in index.Key.Attributes)
        {
            if (!item.TryGetValue(attribute.Name, out var value))
            {
                return null;
            }
            if (value.Kind != attribute.Type)
            {
                throw DynamoDbErrors.InvalidParameter($"Type mismatch for Index Key {attribute.Name} Expected: {attribute.Type} Actual: {value.Kind} IndexName: {index.Name}");
            }
            if ((value.Kind == AttributeKind.S && value.S.Length == 0) || (value.Kind == AttributeKind.B && value.B.Length == 0))
            {
                throw DynamoDbErrors.Validation($"One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: {index.Name}, IndexKey: {attribute.Name}");
            }
            var bytes = KeyEncoder.Encode(value);
            if (hash is null)
            {
                hash = bytes;
            }
            else
            {
                range = bytes;
            }
        }
        return new IndexEntry(index.Name, hash!, range);
    }

    public static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);
}
