using System.Globalization;

namespace Nimbus.DynamoDb.Api;

/// <summary>
/// DescribeContributorInsights: the state kept by UpdateContributorInsights. The rule names are those AWS creates in
/// CloudWatch Contributor Insights (partition/sort key, most accessed/throttled); Nimbus creates no rules behind them.
/// </summary>
internal static class DescribeContributorInsightsOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var index = input.OptionalString("IndexName");
        var table = context.Api.Tables.ForContributorInsights(context.Scope, input.RequiredString("TableName"), index);
        var setting = table.ContributorInsights.GetValueOrDefault(index ?? "");
        var json = context.Output;
        json.WriteStartObject();
        json.WriteString("TableName", table.Name);
        if (index is not null)
        {
            json.WriteString("IndexName", index);
        }
        if (setting is not null)
        {
            var key = index is null ? table.Key : table.FindIndex(index)!.Key;
            var kinds = setting.Mode == "THROTTLED_KEYS" ? new[] { "PKT", "SKT" } : ["PKC", "SKC", "PKT", "SKT"];
            var suffix = (index is null ? table.Name : table.Name + "-" + index) + "-" +
                ((long)(setting.UpdatedAt * 1000)).ToString(CultureInfo.InvariantCulture);
            json.WriteStartArray("ContributorInsightsRuleList");
            foreach (var kind in kinds.Where(k => key.Range is not null || k[0] == 'P'))
            {
                json.WriteStringValue($"DynamoDBContributorInsights-{kind}-{suffix}");
            }
            json.WriteEndArray();
            json.WriteString("ContributorInsightsStatus", "ENABLED");
            json.WriteNumber("LastUpdateDateTime", setting.UpdatedAt);
            json.WriteString("ContributorInsightsMode", setting.Mode);
        }
        else
        {
            json.WriteString("ContributorInsightsStatus", "DISABLED");
        }
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
