namespace Nimbus.DynamoDb.Api;

/// <summary>ExecuteTransaction: up to 100 PartiQL statements, all reads or all writes, all or nothing.</summary>
internal static class ExecuteTransactionOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("TransactStatements") is null)
        {
            throw Input.Missing("TransactStatements");
        }
        var requests = input.Array("TransactStatements").Select(PartiQlRequests.Statement).ToList();
        var (items, capacity) = await context.Api.PartiQl.TransactAsync(context.Scope, requests, input.OptionalString("ClientRequestToken"));
        var json = context.Output;
        json.WriteStartObject();
        if (items.Count > 0)
        {
            json.WriteStartArray("Responses");
            foreach (var item in items)
            {
                json.WriteStartObject();
                Output.Item(json, "Item", item);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        Output.Capacities(json, capacity, Output.CapacityMode(input));
        json.WriteEndObject();
    }
}
