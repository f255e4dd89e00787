using System.Text.Json;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>UpdateTable: indexes, streams, billing, throughput, deletion protection, table class.</summary>
internal static class UpdateTableOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var throughput = input.Member("ProvisionedThroughput");
        var updates = input.Array("GlobalSecondaryIndexUpdates").ToList();
        var command = new UpdateTableCommand
        {
            TableName = input.RequiredString("TableName"),
            AttributeDefinitions = input.Array("AttributeDefinitions").ToDictionary(a => a.RequiredString("AttributeName"), a => a.RequiredString("AttributeType"), StringComparer.Ordinal),
            BillingMode = input.OptionalString("BillingMode"),
            ReadCapacityUnits = throughput?.OptionalLong("ReadCapacityUnits"),
            WriteCapacityUnits = throughput?.OptionalLong("WriteCapacityUnits"),
            Stream = TableRequests.Stream(input),
            CreateIndexes = updates.Select(u => u.Member("Create")).Where(c => c is not null).Select(c => TableRequests.Index(c!.Value)).ToList(),
            DeleteIndexes = updates.Select(u => u.Member("Delete")).Where(d => d is not null).Select(d => d!.Value.RequiredString("IndexName")).ToList(),
            UpdateIndexes = updates.Select(u => u.Member("Update")).Where(u => u is not null).ToDictionary(
                u => u!.Value.RequiredString("IndexName"),
                u => (u!.Value.Member("ProvisionedThroughput")?.OptionalLong("ReadCapacityUnits") ?? 0, u!.Value.Member("ProvisionedThroughput")?.OptionalLong("WriteCapacityUnits") ?? 0)),
            DeletionProtectionEnabled = input.OptionalBool("DeletionProtectionEnabled"),
            TableClass = input.OptionalString("TableClass"),
        };
        var (table, creating) = await context.Api.Tables.UpdateTableAsync(context.Scope, command);
        TableRequests.WriteDescription(context, table, "UPDATING", context.Api.Tables.Statistics(table), creating);
    }
}
