using Nimbus.DynamoDb.Service.Commands;
using System.Text.Json;

namespace Nimbus.DynamoDb.Api;

/// <summary>Request members and the response that CreateTable, UpdateTable and DeleteTable share.</summary>
internal static class TableRequests
{
    public static List<KeySchemaElement> KeySchema(JsonElement element) =>
        element.Array("KeySchema").Select(k => new KeySchemaElement(k.RequiredString("AttributeName"), k.RequiredString("KeyType"))).ToList();

    public static IndexSpec Index(JsonElement index)
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

    public static StreamSpec? Stream(JsonElement input) => input.Member("StreamSpecification") is { } spec
        ? new StreamSpec(spec.OptionalBool("StreamEnabled") ?? throw Input.Missing("StreamEnabled"), spec.OptionalString("StreamViewType"))
        : null;

    public static void WriteDescription(OperationContext context, Model.TableDefinition table, string status, IReadOnlyDictionary<string, Store.ItemStatistics> statistics, IReadOnlyCollection<string>? creating = null)
    {
        var json = context.Output;
        json.WriteStartObject();
        json.WritePropertyName("TableDescription");
        TableDescriptionWriter.Write(json, table, status, statistics, creating);
        json.WriteEndObject();
    }
}
