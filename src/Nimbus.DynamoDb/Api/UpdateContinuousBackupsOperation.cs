namespace Nimbus.DynamoDb.Api;

/// <summary>UpdateContinuousBackups: turns point-in-time recovery on (with its recovery period) or off.</summary>
internal static class UpdateContinuousBackupsOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var name = input.RequiredString("TableName");
        var spec = input.Member("PointInTimeRecoverySpecification") ?? throw Input.Missing("PointInTimeRecoverySpecification");
        var enabled = spec.OptionalBool("PointInTimeRecoveryEnabled")
            ?? throw Input.Missing("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled");
        var table = await context.Api.Tables.UpdateContinuousBackupsAsync(context.Scope, name, enabled, spec.OptionalInt("RecoveryPeriodInDays"));
        DescribeContinuousBackupsOperation.Write(context, table);
    }
}
