using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>
/// RestoreTableFromBackup. BillingModeOverride, ProvisionedThroughputOverride and the index overrides are applied; the SSE
/// and on-demand throughput overrides are refused rather than ignored, so a caller never gets a table other than it asked for.
/// </summary>
internal static class RestoreTableFromBackupOperation
{
    private static readonly string[] Unsupported = ["SSESpecificationOverride", "OnDemandThroughputOverride"];

    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var target = input.RequiredString("TargetTableName");
        var arn = input.RequiredString("BackupArn");
        foreach (var name in Unsupported)
        {
            if (input.Member(name) is not null)
            {
                throw DynamoDbErrors.Validation($"{name} is not supported by Nimbus: restore without it, then change the table with UpdateTable.");
            }
        }
        long? read = null, write = null;
        if (input.Member("ProvisionedThroughputOverride") is { } throughput)
        {
            read = throughput.OptionalLong("ReadCapacityUnits") ?? throw Input.Missing("ProvisionedThroughputOverride.ReadCapacityUnits");
            write = throughput.OptionalLong("WriteCapacityUnits") ?? throw Input.Missing("ProvisionedThroughputOverride.WriteCapacityUnits");
        }
        var table = await context.Api.Backups.RestoreAsync(context.Scope, new RestoreCommand(arn, target, input.OptionalString("BillingModeOverride"), read, write,
            Indexes(input, "GlobalSecondaryIndexOverride"), Indexes(input, "LocalSecondaryIndexOverride")));
        TableRequests.WriteDescription(context, table, "CREATING", context.Api.Tables.Statistics(table));
    }

    private static List<IndexSpec>? Indexes(System.Text.Json.JsonElement input, string member) =>
        input.Member(member) is null ? null : input.Array(member).Select(TableRequests.Index).ToList();
}
