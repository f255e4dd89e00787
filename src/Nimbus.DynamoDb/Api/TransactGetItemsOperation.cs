using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>TransactGetItems: up to 100 gets read as one snapshot.</summary>
internal static class TransactGetItemsOperation
{
    public static async Task HandleAsync(OperationContext context)
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
}
