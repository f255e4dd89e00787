using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>BatchExecuteStatement: up to 25 PartiQL reads or writes, each answered on its own (Item, or Error).</summary>
internal static class BatchExecuteStatementOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("Statements") is null)
        {
            throw Input.Missing("Statements");
        }
        var requests = input.Array("Statements").Select(PartiQlRequests.Statement).ToList();
        var responses = await context.Api.PartiQl.BatchAsync(context.Scope, requests);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("Responses");
        foreach (var response in responses)
        {
            json.WriteStartObject();
            if (response.ErrorCode is not null)
            {
                json.WriteStartObject("Error");
                json.WriteString("Code", response.ErrorCode);
                json.WriteString("Message", response.ErrorMessage);
                Output.Item(json, "Item", response.ErrorItem);
                json.WriteEndObject();
            }
            if (response.TableName is not null)
            {
                json.WriteString("TableName", response.TableName);
            }
            Output.Item(json, "Item", response.Item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
