using System.Text.Json;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable.</summary>
internal static class TableOperations
{
    public static async Task CreateTableAsync(OperationContext context)
    {
        var input = context.Input;
        var throughput = input.Member("ProvisionedThroughput");
        var command = new CreateTableCommand
        {
            TableName = input.RequiredString("TableName"),
            KeySchema = input.Member("KeySchema") is null ? throw Input.Missing("KeySchema") : KeySchema(input),
            AttributeDefinitions = input.Member("AttributeDefinitions") is null
                ? throw Input.Missing("AttributeDefinitions")
                : input.Array("AttributeDefinitions").ToDictionary(a => a.RequiredString("AttributeName"), a => a.RequiredString("AttributeType"), StringComparer.Ordinal),
            LocalSecondaryIndexes = input.Array("LocalSecondaryIndexes").Select(Index).ToList(),
            GlobalSecondaryIndexes = input.Array("GlobalSecondaryIndexes").Select(Index).ToList(),
            HasLocalIndexList = input.Member("LocalSecondaryIndexes") is not null,
            HasGlobalIndexList = input.Member("GlobalSecondaryIndexes") is not null,
            BillingMode = input.OptionalString("BillingMode"),
            ReadCapacityUnits = throughput?.OptionalLong("ReadCapacityUnits"),
            WriteCapacityUnits = throughput?.OptionalLong("WriteCapacityUnits"),
            Stream = Stream(input),
            Tags = input.Array("Tags").ToDictionary(t => t.RequiredString("Key"), t => t.OptionalString("Value") ?? "", StringComparer.Ordinal),
            DeletionProtectionEnabled = input.OptionalBool("DeletionProtectionEnabled") ?? false,
            TableClass = input.OptionalString("TableClass"),
        };
        var table = await context.Api.Tables.CreateTableAsync(context.Scope, command);
        WriteDescription(context, table, "CREATING", (0, 0));
    }

    private static List<KeySchemaElement> KeySchema(JsonElement element) =>
        element.Array("KeySchema").Select(k => new KeySchemaElement(k.RequiredString("AttributeName"), k.RequiredString("KeyType"))).ToList();

    private static IndexSpec Index(JsonElement index)
    {
        var projection = index.Member("Projection");
        var throughput = index.Member("ProvisionedThroughput");
        return new IndexSpec(
            index.RequiredString("IndexName"),
            KeySchema(index),
            projection?.OptionalString("ProjectionType") ?? (projection is not null ? "ALL" : null),
            projection?.Array("NonKeyAttributes").Select(a => a.GetString()!).ToList(),
            throughput?.OptionalLong("ReadCapacityUnits"),
            throughput?.OptionalLong("WriteCapacityUnits"));
    }

    private static StreamSpec? Stream(JsonElement input) => input.Member("StreamSpecification") is { } spec
        ? new StreamSpec(spec.OptionalBool("StreamEnabled") ?? throw Input.Missing("StreamEnabled"), spec.OptionalString("StreamViewType"))
        : null;

    public static Task DescribeTableAsync(OperationContext context)
    {
        var table = context.Api.Tables.Describe(context.Scope, context.Input.RequiredString("TableName"));
        var json = context.Output;
        json.WriteStartObject();
        json.WritePropertyName("Table");
        TableDescriptionWriter.Write(json, table, "ACTIVE", context.Api.Tables.Statistics(table));
        json.WriteEndObject();
        return Task.CompletedTask;
    }

    public static Task ListTablesAsync(OperationContext context)
    {
        var (names, last) = context.Api.Tables.List(context.Scope, context.Input.OptionalString("ExclusiveStartTableName"), context.Input.OptionalInt("Limit"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("TableNames");
        foreach (var name in names)
        {
            json.WriteStringValue(name);
        }
        json.WriteEndArray();
        if (last is not null)
        {
            json.WriteString("LastEvaluatedTableName", last);
        }
        json.WriteEndObject();
        return Task.CompletedTask;
    }

    public static async Task UpdateTableAsync(OperationContext context)
    {
        var input = context.Input;
        var throughput = input.Member("ProvisionedThroughput");
        var updates = input.Array("GlobalSecondaryIndexUpdates").ToList();
        var command = new UpdateTableCommand
        {
            TableName = input.RequiredString("TableName"),
            AttributeDefinitions = input.Array("AttributeDefinitions").ToDictionary(a => a.RequiredString("AttributeName"), a => a.RequiredString("AttributeType"), StringComparer.Ordinal),
            BillingMode = input.OptionalString("BillingMode"),
            ReadCapacityUnits = throughput?.OptionalLong("ReadCapacityUnits"),
            WriteCapacityUnits = throughput?.OptionalLong("WriteCapacityUnits"),
            Stream = Stream(input),
            CreateIndexes = updates.Select(u => u.Member("Create")).Where(c => c is not null).Select(c => Index(c!.Value)).ToList(),
            DeleteIndexes = updates.Select(u => u.Member("Delete")).Where(d => d is not null).Select(d => d!.Value.RequiredString("IndexName")).ToList(),
            UpdateIndexes = updates.Select(u => u.Member("Update")).Where(u => u is not null).ToDictionary(
                u => u!.Value.RequiredString("IndexName"),
                u => (u!.Value.Member("ProvisionedThroughput")?.OptionalLong("ReadCapacityUnits") ?? 0, u!.Value.Member("ProvisionedThroughput")?.OptionalLong("WriteCapacityUnits") ?? 0)),
            DeletionProtectionEnabled = input.OptionalBool("DeletionProtectionEnabled"),
            TableClass = input.OptionalString("TableClass"),
        };
        var (table, creating) = await context.Api.Tables.UpdateTableAsync(context.Scope, command);
        WriteDescription(context, table, "UPDATING", context.Api.Tables.Statistics(table), creating);
    }

    public static async Task DeleteTableAsync(OperationContext context)
    {
        var statistics = context.Api.Tables.Describe(context.Scope, context.Input.RequiredString("TableName")) is var before
            ? context.Api.Tables.Statistics(before)
            : default;
        var table = await context.Api.Tables.DeleteTableAsync(context.Scope, context.Input.RequiredString("TableName"));
        WriteDescription(context, table, "DELETING", statistics);
    }

    private static void WriteDescription(OperationContext context, Model.TableDefinition table, string status, (long, long) statistics, IReadOnlyCollection<string>? creating = null)
    {
        var json = context.Output;
        json.WriteStartObject();
        json.WritePropertyName("TableDescription");
        TableDescriptionWriter.Write(json, table, status, statistics, creating);
        json.WriteEndObject();
    }
}
