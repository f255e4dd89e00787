using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>BatchGetItem, BatchWriteItem, TransactGetItems and TransactWriteItems.</summary>
internal static class BatchOperations
{
    public static Task BatchGetItemAsync(OperationContext context)
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

    public static async Task BatchWriteItemAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("RequestItems") is null)
        {
            throw Input.Missing("RequestItems");
        }
        var requests = new List<TransactWriteItem>();
        foreach (var table in input.Object("RequestItems"))
        {
            foreach (var request in table.Value.EnumerateArray())
            {
                if (request.Member("PutRequest") is { } put)
                {
                    requests.Add(new TransactWriteItem { Kind = "Put", TableName = table.Name, ItemOrKey = put.RequiredItem("Item") });
                }
                else if (request.Member("DeleteRequest") is { } delete)
                {
                    requests.Add(new TransactWriteItem { Kind = "Delete", TableName = table.Name, ItemOrKey = delete.RequiredItem("Key") });
                }
                else
                {
                    throw DynamoDbErrors.Validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                }
            }
        }
        var capacity = await context.Api.Transactions.BatchWriteAsync(context.Scope, requests);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartObject("UnprocessedItems");
        json.WriteEndObject();
        Output.Capacities(json, capacity, Output.CapacityMode(input));
        json.WriteEndObject();
    }

    public static async Task TransactGetItemsAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("TransactItems") is null)
        {
            throw Input.Missing("TransactItems");
        }
        var gets = input.Array("TransactItems").Select(t =>
        {
            var get = t.Member("Get") ?? throw Input.Missing("Get");
            var expressions = new RequestExpressions(get);
            var projection = expressions.Projection();
            expressions.Finish();
            return new TransactGetItem(get.RequiredString("TableName"), get.RequiredItem("Key"), projection);
        }).ToList();
        var items = await context.Api.Transactions.TransactGetAsync(context.Scope, gets);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("Responses");
        foreach (var item in items)
        {
            json.WriteStartObject();
            Output.Item(json, "Item", item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static async Task TransactWriteItemsAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("TransactItems") is null)
        {
            throw Input.Missing("TransactItems");
        }
        var requests = input.Array("TransactItems").Select(WriteItem).ToList();
        var raw = input.Member("TransactItems")!.Value.GetRawText();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
        var capacity = await context.Api.Transactions.TransactWriteAsync(context.Scope, requests, input.OptionalString("ClientRequestToken"), fingerprint);
        var json = context.Output;
        json.WriteStartObject();
        Output.Capacities(json, capacity, Output.CapacityMode(input));
        json.WriteEndObject();
    }

    private static TransactWriteItem WriteItem(JsonElement element)
    {
        var (kind, body) = element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => (p.Name, p.Value)).ToList() switch
        {
            [var single] => single,
            _ => throw DynamoDbErrors.Validation("TransactItems can only contain one of Check, Put, Update or Delete"),
        };
        var expressions = new RequestExpressions(body);
        var condition = expressions.Condition("ConditionExpression", ExpressionKind.ConditionExpression);
        var update = kind == "Update" ? expressions.Update() ?? throw Input.Missing("UpdateExpression") : null;
        expressions.Finish();
        if (kind == "ConditionCheck" && condition is null)
        {
            throw Input.Missing("ConditionExpression");
        }
        return new TransactWriteItem
        {
            Kind = kind is "Put" or "Update" or "Delete" or "ConditionCheck" ? kind : throw DynamoDbErrors.Validation($"Unknown transact item type: {kind}"),
            TableName = body.RequiredString("TableName"),
            ItemOrKey = kind == "Put" ? body.RequiredItem("Item") : body.RequiredItem("Key"),
            Update = update,
            Condition = condition,
            ReturnItemOnConditionFailure = body.OptionalString("ReturnValuesOnConditionCheckFailure") == "ALL_OLD",
        };
    }
}
