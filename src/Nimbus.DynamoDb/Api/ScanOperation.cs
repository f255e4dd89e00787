using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>Scan: every item of a table or index, optionally one segment of a parallel scan.</summary>
internal static class ScanOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("ScanFilter", "FilterExpression");
        var command = ReadRequests.Common(input, expressions, "ScanFilter") with
        {
            Segment = input.OptionalInt("Segment"),
            TotalSegments = input.OptionalInt("TotalSegments"),
        };
        expressions.Finish();
        ReadRequests.Write(context, context.Api.Reads.Scan(context.Scope, command));
        return Task.CompletedTask;
    }
}
