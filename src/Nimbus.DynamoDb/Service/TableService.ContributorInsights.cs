using Nimbus.Core;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service;

internal sealed partial class TableService
{
    private static readonly string[] InsightsModes = ["ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"];

    /// <summary>The table and, when <paramref name="index"/> is given, checks it names one of its GSIs.</summary>
    public TableDefinition ForContributorInsights(AwsScope scope, string nameOrArn, string? index)
    {
        var table = _catalog.Get(scope, nameOrArn);
        if (index is not null && table.FindIndex(index) is not { IsGlobal: true })
        {
            throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: Index: {index} not found");
        }
        return table;
    }

    /// <summary>
    /// UpdateContributorInsights: records the state only. AWS passes through ENABLING/DISABLING; Nimbus has nothing to
    /// set up, so the new state holds when the call returns.
    /// </summary>
    public async Task<ContributorInsightsSetting?> UpdateContributorInsightsAsync(AwsScope scope, string nameOrArn, string? index, string action, string? mode)
    {
        if (action is not ("ENABLE" or "DISABLE"))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{action}' at 'contributorInsightsAction' failed to satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]");
        }
        if (mode is not null && !InsightsModes.Contains(mode))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{mode}' at 'contributorInsightsMode' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", InsightsModes)}]");
        }
        var table = ForContributorInsights(scope, nameOrArn, index);
        var settings = new Dictionary<string, ContributorInsightsSetting>(table.ContributorInsights, StringComparer.Ordinal);
        var key = index ?? "";
        ContributorInsightsSetting? setting = null;
        if (action == "ENABLE")
        {
            setting = new ContributorInsightsSetting(mode ?? InsightsModes[0], _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            settings[key] = setting;
        }
        else
        {
            settings.Remove(key);
        }
        await SaveAsync(table with { ContributorInsights = settings });
        return setting;
    }
}
