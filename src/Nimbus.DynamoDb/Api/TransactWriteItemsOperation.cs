using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>TransactWriteItems: up to 100 writes and condition checks, all or nothing.</summary>
internal static class TransactWriteItemsOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("TransactItems") is null)
        {
            throw Input.Missing("TransactItems");
        }
        var requests = input.Array("TransactItems").Select(WriteItem).ToList();
        var raw = input.Member("TransactItems")!.Value.GetRawText();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
        var collectionMetrics = Output.CollectionMetricsMode(input);
        var (capacity, collections) = await context.Api.Transactions.TransactWriteAsync(context.Scope, requests, input.OptionalString("ClientRequestToken"), fingerprint);
        var json = context.Output;
        json.WriteStartObject();
        Output.Capacities(json, capacity, Output.CapacityMode(input));
        Output.CollectionMetricsByTable(json, collectionMetrics ? collections : []);
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
