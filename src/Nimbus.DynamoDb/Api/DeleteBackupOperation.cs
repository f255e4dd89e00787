namespace Nimbus.DynamoDb.Api;

/// <summary>DeleteBackup: answers the backup's description with status DELETED, as AWS does.</summary>
internal static class DeleteBackupOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var backup = await context.Api.Backups.DeleteAsync(context.Scope, context.Input.RequiredString("BackupArn"));
        var json = context.Output;
        json.WriteStartObject();
        BackupDescriptionWriter.Description(json, backup, "DELETED");
        json.WriteEndObject();
    }
}
