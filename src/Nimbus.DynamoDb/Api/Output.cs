using System.Text.Json;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>Response members several operations share.</summary>
internal static class Output
{
    public static void Item(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, AttributeValue>? item)
    {
        if (item is null)
        {
            return;
        }
        json.WritePropertyName(name);
        AttributeValueWriter.WriteItem(json, item);
    }

    /// <summary>ConsumedCapacity as one object (single-table calls) or a list (batches and transactions).</summary>
    public static void Capacity(Utf8JsonWriter json, ConsumedCapacity? capacity, string mode)
    {
        if (capacity is null || mode == "NONE")
        {
            return;
        }
        json.WritePropertyName("ConsumedCapacity");
        CapacityObject(json, capacity, mode);
    }

    public static void Capacities(Utf8JsonWriter json, IEnumerable<ConsumedCapacity> capacities, string mode)
    {
        if (mode == "NONE")
        {
            return;
        }
        json.WriteStartArray("ConsumedCapacity");
        foreach (var capacity in capacities)
        {
            CapacityObject(json, capacity, mode);
        }
        json.WriteEndArray();
    }

    private static void CapacityObject(Utf8JsonWriter json, ConsumedCapacity capacity, string mode)
    {
        json.WriteStartObject();
        json.WriteString("TableName", capacity.TableName);
        json.WriteNumber("CapacityUnits", capacity.Total);
        if (capacity.ReadUnits > 0)
        {
            json.WriteNumber("ReadCapacityUnits", capacity.ReadUnits);
        }
        if (capacity.WriteUnits > 0)
        {
            json.WriteNumber("WriteCapacityUnits", capacity.WriteUnits);
        }
        if (mode == "INDEXES")
        {
            json.WriteStartObject("Table");
            json.WriteNumber("CapacityUnits", capacity.Total);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>ReturnItemCollectionMetrics: NONE (default) or SIZE; true for SIZE.</summary>
    public static bool CollectionMetricsMode(JsonElement input) => input.OptionalString("ReturnItemCollectionMetrics") switch
    {
        null or "NONE" => false,
        "SIZE" => true,
        var other => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{other}' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]"),
    };

    /// <summary>ItemCollectionMetrics: the partition key and AWS's estimate of the collection's size as a GB range.</summary>
    public static void CollectionMetrics(Utf8JsonWriter json, Service.Commands.CollectionMetrics metrics)
    {
        json.WriteStartObject();
        json.WritePropertyName("ItemCollectionKey");
        AttributeValueWriter.WriteItem(json, metrics.Key);
        json.WriteStartArray("SizeEstimateRangeGB");
        var gigabytes = Math.Floor(metrics.Bytes / (1024.0 * 1024 * 1024));
        json.WriteNumberValue(gigabytes);
        json.WriteNumberValue(gigabytes + 1);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>ItemCollectionMetrics of a batch or transaction: table name → the metrics of each item written to it.</summary>
    public static void CollectionMetricsByTable(Utf8JsonWriter json, IReadOnlyList<Service.Commands.CollectionMetrics> collections)
    {
        if (collections.Count == 0)
        {
            return;
        }
        json.WriteStartObject("ItemCollectionMetrics");
        foreach (var table in collections.GroupBy(c => c.TableName))
        {
            json.WriteStartArray(table.Key);
            foreach (var metrics in table)
            {
                CollectionMetrics(json, metrics);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>ReturnConsumedCapacity: NONE (default), TOTAL or INDEXES.</summary>
    public static string CapacityMode(JsonElement input) => input.OptionalString("ReturnConsumedCapacity") switch
    {
        null => "NONE",
        var mode when mode is "NONE" or "TOTAL" or "INDEXES" => mode,
        var other => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{other}' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"),
    };

    /// <summary>An empty JSON object, the answer of calls that return nothing.</summary>
    public static void Empty(OperationContext context)
    {
        context.Output.WriteStartObject();
        context.Output.WriteEndObject();
    }
}
