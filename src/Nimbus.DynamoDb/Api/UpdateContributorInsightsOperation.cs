namespace Nimbus.DynamoDb.Api;

/// <summary>UpdateContributorInsights: ENABLE/DISABLE on the table or a GSI (state only).</summary>
internal static class UpdateContributorInsightsOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var name = input.RequiredString("TableName");
        var index = input.OptionalString("IndexName");
        var setting = await context.Api.Tables.UpdateContributorInsightsAsync(context.Scope, name, index,
            input.RequiredString("ContributorInsightsAction"), input.OptionalString("ContributorInsightsMode"));
        ContributorInsightsWriter.Summary(context.Output, Service.TableCatalog.NameOf(name), index, setting);
    }
}
