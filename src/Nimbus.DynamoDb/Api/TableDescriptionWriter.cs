using System.Text.Json;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Api;

/// <summary>Writes a TableDescription (CreateTable, DescribeTable, UpdateTable, DeleteTable).</summary>
internal static class TableDescriptionWriter
{
    public static void Write(Utf8JsonWriter json, TableDefinition table, string status, IReadOnlyDictionary<string, ItemStatistics> statistics,
        IReadOnlyCollection<string>? creatingIndexes = null)
    {
        json.WriteStartObject();
        json.WriteStartArray("AttributeDefinitions");
        foreach (var (name, kind) in table.AttributeDefinitions)
        {
            json.WriteStartObject();
            json.WriteString("AttributeName", name);
            json.WriteString("AttributeType", kind.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("TableName", table.Name);
        KeySchema(json, table.Key);
        json.WriteString("TableStatus", status);
        json.WriteNumber("CreationDateTime", table.CreatedAt);
        Throughput(json, table.ReadCapacityUnits, table.WriteCapacityUnits);
        var total = statistics.GetValueOrDefault("");
        json.WriteNumber("TableSizeBytes", total.Bytes);
        json.WriteNumber("ItemCount", total.Count);
        json.WriteString("TableArn", table.Arn);
        json.WriteString("TableId", table.TableId);
        json.WriteStartObject("BillingModeSummary");
        json.WriteString("BillingMode", table.BillingMode);
        json.WriteEndObject();
        Indexes(json, table, "LocalSecondaryIndexes", table.Indexes.Where(i => !i.IsGlobal).ToList(), creatingIndexes, statistics);
        Indexes(json, table, "GlobalSecondaryIndexes", table.Indexes.Where(i => i.IsGlobal).ToList(), creatingIndexes, statistics);
        if (table.Stream is { } stream)
        {
            if (stream.Enabled)
            {
                json.WriteStartObject("StreamSpecification");
                json.WriteBoolean("StreamEnabled", true);
                json.WriteString("StreamViewType", stream.ViewType);
                json.WriteEndObject();
            }
            json.WriteString("LatestStreamLabel", stream.Label);
            json.WriteString("LatestStreamArn", stream.Arn);
        }
        if (table.Restore is { } restore)
        {
            // The table is complete when the restore returns; its response still says CREATING and in progress, as AWS's does.
            json.WriteStartObject("RestoreSummary");
            json.WriteString("SourceBackupArn", restore.SourceBackupArn);
            json.WriteString("SourceTableArn", restore.SourceTableArn);
            json.WriteNumber("RestoreDateTime", restore.RestoredAt);
            json.WriteBoolean("RestoreInProgress", status == "CREATING");
            json.WriteEndObject();
        }
        json.WriteStartObject("TableClassSummary");
        json.WriteString("TableClass", table.TableClass);
        json.WriteEndObject();
        json.WriteBoolean("DeletionProtectionEnabled", table.DeletionProtectionEnabled);
        json.WriteEndObject();
    }

    public static void KeySchema(Utf8JsonWriter json, KeySchema key)
    {
        json.WriteStartArray("KeySchema");
        foreach (var (attribute, type) in new[] { (key.Hash, "HASH"), (key.Range, "RANGE") })
        {
            if (attribute is null)
            {
                continue;
            }
            json.WriteStartObject();
            json.WriteString("AttributeName", attribute.Name);
            json.WriteString("KeyType", type);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void Projection(Utf8JsonWriter json, IndexDefinition index)
    {
        json.WriteStartObject("Projection");
        json.WriteString("ProjectionType", index.ProjectionType);
        if (index.NonKeyAttributes.Count > 0)
        {
            json.WriteStartArray("NonKeyAttributes");
            foreach (var name in index.NonKeyAttributes)
            {
                json.WriteStringValue(name);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Throughput(Utf8JsonWriter json, long read, long write)
    {
        json.WriteStartObject("ProvisionedThroughput");
        json.WriteNumber("NumberOfDecreasesToday", 0);
        json.WriteNumber("ReadCapacityUnits", read);
        json.WriteNumber("WriteCapacityUnits", write);
        json.WriteEndObject();
    }

    private static void Indexes(Utf8JsonWriter json, TableDefinition table, string member, List<IndexDefinition> indexes, IReadOnlyCollection<string>? creating,
        IReadOnlyDictionary<string, ItemStatistics> statistics)
    {
        if (indexes.Count == 0)
        {
            return;
        }
        json.WriteStartArray(member);
        foreach (var index in indexes)
        {
            json.WriteStartObject();
            json.WriteString("IndexName", index.Name);
            KeySchema(json, index.Key);
            Projection(json, index);
            if (index.IsGlobal)
            {
                var isCreating = creating?.Contains(index.Name) == true;
                json.WriteString("IndexStatus", isCreating ? "CREATING" : "ACTIVE");
                if (isCreating)
                {
                    json.WriteBoolean("Backfilling", false);
                }
                Throughput(json, index.ReadCapacityUnits, index.WriteCapacityUnits);
            }
            var counted = statistics.GetValueOrDefault(index.Name);
            json.WriteNumber("IndexSizeBytes", counted.Bytes);
            json.WriteNumber("ItemCount", counted.Count);
            json.WriteString("IndexArn", $"{table.Arn}/index/{index.Name}");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
