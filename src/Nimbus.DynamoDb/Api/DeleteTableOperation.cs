using System.Text.Json;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>DeleteTable.</summary>
internal static class DeleteTableOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var statistics = context.Api.Tables.Statistics(context.Api.Tables.Describe(context.Scope, context.Input.RequiredString("TableName")));
        var table = await context.Api.Tables.DeleteTableAsync(context.Scope, context.Input.RequiredString("TableName"));
        TableRequests.WriteDescription(context, table, "DELETING", statistics);
    }
}
