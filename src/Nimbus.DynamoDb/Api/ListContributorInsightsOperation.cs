using System.Globalization;

namespace Nimbus.DynamoDb.Api;

/// <summary>
/// ListContributorInsights: a summary for each table and each of its GSIs (or those of one table), with its state,
/// in name order; NextToken is the position of the next summary.
/// </summary>
internal static class ListContributorInsightsOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var max = input.OptionalInt("MaxResults");
        if (max > 100)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        var tables = input.OptionalString("TableName") is { } name
            ? [context.Api.Tables.Describe(context.Scope, name)]
            : context.Api.Tables.Catalog.List(context.Scope).ToList();
        var summaries = tables.SelectMany(t => new[] { (Table: t, Index: (string?)null) }.Concat(t.Indexes.Where(i => i.IsGlobal).Select(i => (Table: t, Index: (string?)i.Name))))
            .ToList();
        var start = 0;
        if (input.OptionalString("NextToken") is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > summaries.Count))
        {
            throw DynamoDbErrors.Validation("Invalid NextToken");
        }
        var page = summaries.Skip(start).Take(max is > 0 ? max.Value : summaries.Count).ToList();
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("ContributorInsightsSummaries");
        foreach (var (table, index) in page)
        {
            ContributorInsightsWriter.Summary(json, table.Name, index, table.ContributorInsights.GetValueOrDefault(index ?? ""));
        }
        json.WriteEndArray();
        if (start + page.Count < summaries.Count)
        {
            json.WriteString("NextToken", (start + page.Count).ToString(CultureInfo.InvariantCulture));
        }
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
