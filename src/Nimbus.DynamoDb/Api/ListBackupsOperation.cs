using System.Text.Json;
using Nimbus.DynamoDb.Service;

namespace Nimbus.DynamoDb.Api;

/// <summary>ListBackups, paginated by LastEvaluatedBackupArn.</summary>
internal static class ListBackupsOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var filter = new BackupFilter(input.OptionalString("TableName"), Timestamp(input, "TimeRangeLowerBound"), Timestamp(input, "TimeRangeUpperBound"),
            input.OptionalString("BackupType"), input.OptionalInt("Limit"), input.OptionalString("ExclusiveStartBackupArn"));
        var (backups, last) = context.Api.Backups.List(context.Scope, filter);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("BackupSummaries");
        foreach (var backup in backups)
        {
            BackupDescriptionWriter.Summary(json, backup);
        }
        json.WriteEndArray();
        if (last is not null)
        {
            json.WriteString("LastEvaluatedBackupArn", last);
        }
        json.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>awsJson timestamps are epoch seconds (a number; some clients send it as a string).</summary>
    private static double? Timestamp(JsonElement input, string name) => input.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { ValueKind: JsonValueKind.String } value when double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var seconds) => seconds,
        _ => throw DynamoDbErrors.Serialization($"Unexpected value type in payload for member {name}"),
    };
}
