using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>BatchWriteItem: up to 25 puts and deletes in one durable write.</summary>
internal static class BatchWriteItemOperation
{
    public static async Task HandleAsync(OperationContext context)
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
        var collectionMetrics = Output.CollectionMetricsMode(input);
        var (capacity, collections) = await context.Api.Transactions.BatchWriteAsync(context.Scope, requests);
        var json = context.Output;
        json.WriteStartObject();
        // Every request is written in one durable transaction, so nothing is ever left unprocessed.
        json.WriteStartObject("UnprocessedItems");
        json.WriteEndObject();
        Output.Capacities(json, capacity, Output.CapacityMode(input));
        Output.CollectionMetricsByTable(json, collectionMetrics ? collections : []);
        json.WriteEndObject();
    }
}
