using System.Text.Json;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>CreateTable.</summary>
internal static class CreateTableOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var throughput = input.Member("ProvisionedThroughput");
        var command = new CreateTableCommand
        {
            TableName = input.RequiredString("TableName"),
            KeySchema = input.Member("KeySchema") is null ? throw Input.Missing("KeySchema") : TableRequests.KeySchema(input),
            AttributeDefinitions = input.Member("AttributeDefinitions") is null
                ? throw Input.Missing("AttributeDefinitions")
                : input.Array("AttributeDefinitions").ToDictionary(a => a.RequiredString("AttributeName"), a => a.RequiredString("AttributeType"), StringComparer.Ordinal),
            LocalSecondaryIndexes = input.Array("LocalSecondaryIndexes").Select(TableRequests.Index).ToList(),
            GlobalSecondaryIndexes = input.Array("GlobalSecondaryIndexes").Select(TableRequests.Index).ToList(),
            HasLocalIndexList = input.Member("LocalSecondaryIndexes") is not null,
            HasGlobalIndexList = input.Member("GlobalSecondaryIndexes") is not null,
            BillingMode = input.OptionalString("BillingMode"),
            ReadCapacityUnits = throughput?.OptionalLong("ReadCapacityUnits"),
            WriteCapacityUnits = throughput?.OptionalLong("WriteCapacityUnits"),
            Stream = TableRequests.Stream(input),
            Tags = input.Array("Tags").ToDictionary(t => t.RequiredString("Key"), t => t.OptionalString("Value") ?? "", StringComparer.Ordinal),
            DeletionProtectionEnabled = input.OptionalBool("DeletionProtectionEnabled") ?? false,
            TableClass = input.OptionalString("TableClass"),
            ResourcePolicy = input.OptionalString("ResourcePolicy"),
        };
        var table = await context.Api.Tables.CreateTableAsync(context.Scope, command);
        TableRequests.WriteDescription(context, table, "CREATING", new Dictionary<string, Store.ItemStatistics>());
    }
}
