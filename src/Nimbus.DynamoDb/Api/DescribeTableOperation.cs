using System.Text.Json;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>DescribeTable: the definition with item count and sizes kept by every write.</summary>
internal static class DescribeTableOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var table = context.Api.Tables.Describe(context.Scope, context.Input.RequiredString("TableName"));
        var json = context.Output;
        json.WriteStartObject();
        json.WritePropertyName("Table");
        TableDescriptionWriter.Write(json, table, "ACTIVE", context.Api.Tables.Statistics(table));
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
