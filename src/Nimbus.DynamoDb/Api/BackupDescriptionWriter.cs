using System.Text.Json;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>Writes BackupDetails, BackupDescription and BackupSummary (CreateBackup, DescribeBackup, DeleteBackup, ListBackups).</summary>
internal static class BackupDescriptionWriter
{
    public static void Details(Utf8JsonWriter json, BackupRecord backup, string status = "AVAILABLE")
    {
        json.WriteStartObject("BackupDetails");
        json.WriteString("BackupArn", backup.Arn);
        json.WriteString("BackupName", backup.Name);
        json.WriteNumber("BackupSizeBytes", backup.SizeBytes);
        json.WriteString("BackupStatus", status);
        json.WriteString("BackupType", "USER");
        json.WriteNumber("BackupCreationDateTime", backup.CreatedAt);
        json.WriteEndObject();
    }

    /// <summary>A BackupDescription member: the details, the source table and its indexes, stream and TTL at backup time.</summary>
    public static void Description(Utf8JsonWriter json, BackupRecord backup, string status = "AVAILABLE")
    {
        var table = backup.Table;
        json.WriteStartObject("BackupDescription");
        Details(json, backup, status);
        json.WriteStartObject("SourceTableDetails");
        json.WriteString("TableName", table.Name);
        json.WriteString("TableId", table.TableId);
        json.WriteString("TableArn", table.Arn);
        json.WriteNumber("TableSizeBytes", backup.SizeBytes);
        TableDescriptionWriter.KeySchema(json, table.Key);
        json.WriteNumber("TableCreationDateTime", table.CreatedAt);
        ProvisionedThroughput(json, table.ReadCapacityUnits, table.WriteCapacityUnits);
        json.WriteNumber("ItemCount", backup.ItemCount);
        json.WriteString("BillingMode", table.BillingMode);
        json.WriteEndObject();
        json.WriteStartObject("SourceTableFeatureDetails");
        foreach (var (member, global) in new[] { ("LocalSecondaryIndexes", false), ("GlobalSecondaryIndexes", true) })
        {
            var indexes = table.Indexes.Where(i => i.IsGlobal == global).ToList();
            if (indexes.Count == 0)
            {
                continue;
            }
            json.WriteStartArray(member);
            foreach (var index in indexes)
            {
                json.WriteStartObject();
                json.WriteString("IndexName", index.Name);
                TableDescriptionWriter.KeySchema(json, index.Key);
                TableDescriptionWriter.Projection(json, index);
                if (global)
                {
                    ProvisionedThroughput(json, index.ReadCapacityUnits, index.WriteCapacityUnits);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (table.Stream is { Enabled: true } stream)
        {
            json.WriteStartObject("StreamDescription");
            json.WriteBoolean("StreamEnabled", true);
            json.WriteString("StreamViewType", stream.ViewType);
            json.WriteEndObject();
        }
        if (table.TtlAttribute is { } ttl)
        {
            json.WriteStartObject("TimeToLiveDescription");
            json.WriteString("TimeToLiveStatus", "ENABLED");
            json.WriteString("AttributeName", ttl);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void Summary(Utf8JsonWriter json, BackupRecord backup)
    {
        json.WriteStartObject();
        json.WriteString("TableName", backup.Table.Name);
        json.WriteString("TableId", backup.Table.TableId);
        json.WriteString("TableArn", backup.Table.Arn);
        json.WriteString("BackupArn", backup.Arn);
        json.WriteString("BackupName", backup.Name);
        json.WriteNumber("BackupCreationDateTime", backup.CreatedAt);
        json.WriteString("BackupStatus", "AVAILABLE");
        json.WriteString("BackupType", "USER");
        json.WriteNumber("BackupSizeBytes", backup.SizeBytes);
        json.WriteEndObject();
    }

    /// <summary>The model's ProvisionedThroughput (no NumberOfDecreasesToday, unlike a table description's).</summary>
    private static void ProvisionedThroughput(Utf8JsonWriter json, long read, long write)
    {
        json.WriteStartObject("ProvisionedThroughput");
        json.WriteNumber("ReadCapacityUnits", read);
        json.WriteNumber("WriteCapacityUnits", write);
        json.WriteEndObject();
    }
}
