using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;

namespace Nimbus.DynamoDb.Api;

/// <summary>DescribeContinuousBackups: continuous backups are always ENABLED on AWS; PITR is what a caller turns on.</summary>
internal static class DescribeContinuousBackupsOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var table = context.Api.Tables.ForContinuousBackups(context.Scope, context.Input.RequiredString("TableName"));
        Write(context, table);
        return Task.CompletedTask;
    }

    /// <summary>The response of DescribeContinuousBackups and UpdateContinuousBackups.</summary>
    public static void Write(OperationContext context, TableDefinition table)
    {
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartObject("ContinuousBackupsDescription");
        json.WriteString("ContinuousBackupsStatus", "ENABLED");
        json.WriteStartObject("PointInTimeRecoveryDescription");
        if (table.PointInTimeRecovery is { } recovery)
        {
            var (earliest, latest) = context.Api.Tables.RestorableWindow(recovery);
            json.WriteString("PointInTimeRecoveryStatus", "ENABLED");
            json.WriteNumber("RecoveryPeriodInDays", recovery.RecoveryPeriodInDays);
            json.WriteNumber("EarliestRestorableDateTime", earliest);
            json.WriteNumber("LatestRestorableDateTime", latest);
        }
        else
        {
            json.WriteString("PointInTimeRecoveryStatus", "DISABLED");
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
