using static Nimbus.DynamoDb.Tests.ContinuousBackupsTests;

namespace Nimbus.DynamoDb.Tests;

/// <summary>Describe/Update/ListContributorInsights through boto3: the state of the table and of a GSI.</summary>
public sealed class ContributorInsightsTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task ContributorInsights_EnableDisable_TableAndIndex()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("insights")
            before = ddb.describe_contributor_insights(TableName="insights")
            enabled = ddb.update_contributor_insights(TableName="insights", ContributorInsightsAction="ENABLE")
            described = ddb.describe_contributor_insights(TableName="insights")
            index = ddb.update_contributor_insights(TableName="insights", IndexName="by-g", ContributorInsightsAction="ENABLE", ContributorInsightsMode="THROTTLED_KEYS")
            index_described = ddb.describe_contributor_insights(TableName="insights", IndexName="by-g")
            listed = ddb.list_contributor_insights(TableName="insights")["ContributorInsightsSummaries"]
            page = ddb.list_contributor_insights(TableName="insights", MaxResults=1)
            disabled = ddb.update_contributor_insights(TableName="insights", ContributorInsightsAction="DISABLE")
            strip = lambda r: {k: v for k, v in r.items() if k != "ResponseMetadata"}
            print(json.dumps({"before": strip(before), "enabled": strip(enabled), "describedKeys": sorted(strip(described).keys()),
                "status": described["ContributorInsightsStatus"], "mode": described["ContributorInsightsMode"],
                "rules": described["ContributorInsightsRuleList"], "index": strip(index), "indexRules": index_described["ContributorInsightsRuleList"],
                "indexStatus": index_described["ContributorInsightsStatus"], "listed": listed, "pageToken": "NextToken" in page, "pageSize": len(page["ContributorInsightsSummaries"]),
                "disabled": strip(disabled), "after": strip(ddb.describe_contributor_insights(TableName="insights")),
                "indexStill": ddb.describe_contributor_insights(TableName="insights", IndexName="by-g")["ContributorInsightsStatus"]}))
            """));
        Assert.Equal("""{"TableName":"insights","ContributorInsightsStatus":"DISABLED"}""", Compact(result, "before"));
        Assert.Equal("""{"TableName":"insights","ContributorInsightsStatus":"ENABLED","ContributorInsightsMode":"ACCESSED_AND_THROTTLED_KEYS"}""", Compact(result, "enabled"));
        Assert.Equal("""["ContributorInsightsMode","ContributorInsightsRuleList","ContributorInsightsStatus","LastUpdateDateTime","TableName"]""", Compact(result, "describedKeys"));
        Assert.Equal("ENABLED", result.GetProperty("status").GetString());
        Assert.Equal("ACCESSED_AND_THROTTLED_KEYS", result.GetProperty("mode").GetString());
        var rules = result.GetProperty("rules").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(4, rules.Length);
        Assert.All(rules, r => Assert.Matches(@"^DynamoDBContributorInsights-(PKC|SKC|PKT|SKT)-insights-\d+$", r));
        Assert.Equal("""{"TableName":"insights","IndexName":"by-g","ContributorInsightsStatus":"ENABLED","ContributorInsightsMode":"THROTTLED_KEYS"}""", Compact(result, "index"));
        Assert.Equal(2, result.GetProperty("indexRules").GetArrayLength());
        Assert.Equal("ENABLED", result.GetProperty("indexStatus").GetString());
        Assert.Equal("""[{"TableName":"insights","ContributorInsightsStatus":"ENABLED","ContributorInsightsMode":"ACCESSED_AND_THROTTLED_KEYS"},{"TableName":"insights","IndexName":"by-g","ContributorInsightsStatus":"ENABLED","ContributorInsightsMode":"THROTTLED_KEYS"}]""",
            Compact(result, "listed"));
        Assert.True(result.GetProperty("pageToken").GetBoolean());
        Assert.Equal(1, result.GetProperty("pageSize").GetInt32());
        Assert.Equal("""{"TableName":"insights","ContributorInsightsStatus":"DISABLED"}""", Compact(result, "disabled"));
        Assert.Equal("""{"TableName":"insights","ContributorInsightsStatus":"DISABLED"}""", Compact(result, "after"));
        Assert.Equal("ENABLED", result.GetProperty("indexStill").GetString());
    }

    [Fact]
    public async Task ContributorInsights_Errors()
    {
        var result = await server.Boto3.RunAsync(BackupScripts.With("""
            make_table("insights-errors")
            def recreated_index_status():
                ddb.update_contributor_insights(TableName="insights-errors", IndexName="by-g", ContributorInsightsAction="ENABLE")
                ddb.update_table(TableName="insights-errors", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}])
                gone = err(lambda: ddb.describe_contributor_insights(TableName="insights-errors", IndexName="by-g"))[0]
                ddb.update_table(TableName="insights-errors", AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
                    GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}])
                return [gone, ddb.describe_contributor_insights(TableName="insights-errors", IndexName="by-g")["ContributorInsightsStatus"]]
            print(json.dumps({
                "missingTable": err(lambda: ddb.describe_contributor_insights(TableName="nope")),
                "updateMissingTable": err(lambda: ddb.update_contributor_insights(TableName="nope", ContributorInsightsAction="ENABLE")),
                "missingIndex": err(lambda: ddb.describe_contributor_insights(TableName="insights-errors", IndexName="no-such")),
                "localIndex": err(lambda: ddb.update_contributor_insights(TableName="insights-errors", IndexName="by-l", ContributorInsightsAction="ENABLE")),
                "badAction": err(lambda: ddb.update_contributor_insights(TableName="insights-errors", ContributorInsightsAction="START")),
                "listMissing": err(lambda: ddb.list_contributor_insights(TableName="nope")),
                "recreated": recreated_index_status(),
            }))
            """));
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Table: nope not found"]""", Compact(result, "missingTable"));
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Table: nope not found"]""", Compact(result, "updateMissingTable"));
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Index: no-such not found"]""", Compact(result, "missingIndex"));
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Index: by-l not found"]""", Compact(result, "localIndex"));
        Assert.Equal("""["ValidationException",400,"1 validation error detected: Value 'START' at 'contributorInsightsAction' failed to satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]"]""", Compact(result, "badAction"));
        Assert.Equal("""["ResourceNotFoundException",400,"Requested resource not found: Table: nope not found"]""", Compact(result, "listMissing"));
        Assert.Equal("""["ResourceNotFoundException","DISABLED"]""", Compact(result, "recreated"));
    }
}
