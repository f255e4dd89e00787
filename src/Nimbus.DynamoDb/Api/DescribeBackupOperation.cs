namespace Nimbus.DynamoDb.Api;

/// <summary>DescribeBackup.</summary>
internal static class DescribeBackupOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var backup = context.Api.Backups.Describe(context.Scope, context.Input.RequiredString("BackupArn"));
        var json = context.Output;
        json.WriteStartObject();
        BackupDescriptionWriter.Description(json, backup);
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
