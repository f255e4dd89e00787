using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>BatchGetItem: up to 100 keys over several tables; what exceeds 16 MB comes back as UnprocessedKeys.</summary>
internal static class BatchGetItemOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("RequestItems") is null)
        {
            throw Input.Missing("RequestItems");
        }
        var gets = new List<TransactGetItem>();
        var perTable = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var table in input.Object("RequestItems"))
        {
            perTable[table.Name] = table.Value;
            var expressions = new RequestExpressions(table.Value);
            var projection = expressions.Projection() ?? LegacyParameters.AttributesToGet(table.Value);
            expressions.Finish();
            var consistent = table.Value.OptionalBool("ConsistentRead") ?? false;
            gets.AddRange(table.Value.Array("Keys").Select(k => new TransactGetItem(table.Name, AttributeValueReader.ReadItem(k), projection, consistent)));
        }
        var (items, unprocessed, capacity) = context.Api.Transactions.BatchGet(context.Scope, gets);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartObject("Responses");
        foreach (var (table, list) in items)
        {
            json.WriteStartArray(table);
            foreach (var item in list)
            {
                AttributeValueWriter.WriteItem(json, item);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteStartObject("UnprocessedKeys");
        foreach (var group in unprocessed.GroupBy(u => u.TableName))
        {
            // The table's own parameters (projection, names, consistency) travel back with its keys.
            json.WriteStartObject(group.Key);
            foreach (var property in perTable[group.Key].EnumerateObject().Where(p => p.Name != "Keys"))
            {
                property.WriteTo(json);
            }
            json.WriteStartArray("Keys");
            foreach (var get in group)
            {
                AttributeValueWriter.WriteItem(json, get.Key);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        Output.Capacities(json, capacity, Output.CapacityMode(input));
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
