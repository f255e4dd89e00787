using System.Text.Json;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>The members UpdateContributorInsights answers and each ListContributorInsights summary holds.</summary>
internal static class ContributorInsightsWriter
{
    public static void Summary(Utf8JsonWriter json, string table, string? index, ContributorInsightsSetting? setting)
    {
        json.WriteStartObject();
        json.WriteString("TableName", table);
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
