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
        var json = context.Output;
        json.WriteStartObject();
        json.WriteString("TableName", Service.TableCatalog.NameOf(name));
        if (index is not null)
        {
            json.WriteString("IndexName", index);
        }
        json.WriteString("ContributorInsightsStatus", setting is null ? "DISABLED" : "ENABLED");
        if (setting is not null)
        {
            json.WriteString("ContributorInsightsMode", setting.Mode);
        }
        json.WriteEndObject();
    }
}
