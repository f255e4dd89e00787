using Nimbus.DynamoDb.PartiQl;

namespace Nimbus.DynamoDb.Api;

/// <summary>ExecuteStatement: one PartiQL statement; a SELECT pages with Limit and NextToken.</summary>
internal static class ExecuteStatementOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var request = PartiQlRequests.Statement(input);
        var limit = input.OptionalInt("Limit");
        if (limit is < 1)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        var statement = PartiQlParser.Parse(request.Statement, request.Parameters);
        var result = await context.Api.PartiQl.ExecuteAsync(context.Scope, statement, new StatementOptions
        {
            Limit = limit,
            ExclusiveStartKey = PartiQlRequests.StartKey(input),
            ConsistentRead = request.ConsistentRead,
            ReturnCapacity = Output.CapacityMode(input) != "NONE",
            ReturnItemOnConditionFailure = request.ReturnItemOnConditionFailure,
        });
        var json = context.Output;
        json.WriteStartObject();
        PartiQlRequests.Items(json, result.Items);
        if (result.LastEvaluatedKey is { } last)
        {
            json.WriteString("NextToken", PartiQlRequests.NextToken(last));
            Output.Item(json, "LastEvaluatedKey", last);
        }
        Output.Capacity(json, result.Capacity, Output.CapacityMode(input));
        json.WriteEndObject();
    }
}
