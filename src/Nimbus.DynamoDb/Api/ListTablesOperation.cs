using System.Text.Json;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>ListTables: names in order, paginated by ExclusiveStartTableName.</summary>
internal static class ListTablesOperation
{
    public static Task HandleAsync(OperationContext context)
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
}
