namespace Nimbus.DynamoDb.Api;

/// <summary>CreateBackup: the snapshot is complete, so AVAILABLE, when the call returns.</summary>
internal static class CreateBackupOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var backup = await context.Api.Backups.CreateAsync(context.Scope, input.RequiredString("TableName"), input.RequiredString("BackupName"));
        var json = context.Output;
        json.WriteStartObject();
        BackupDescriptionWriter.Details(json, backup);
        json.WriteEndObject();
    }
}
