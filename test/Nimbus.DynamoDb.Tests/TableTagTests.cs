using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>TagResource, UntagResource and ListTagsOfResource on a table ARN through boto3.</summary>
public sealed class TableTagTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Tags_MergeOnTag_GoOnUntag_AndStopAtFifty()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("tagged", ("pk", "S"), Tags=[{"Key": "born", "Value": "with-table"}])
            arn = ddb.describe_table(TableName="tagged")["Table"]["TableArn"]
            tags = lambda: sorted([t["Key"], t["Value"]] for t in ddb.list_tags_of_resource(ResourceArn=arn)["Tags"])
            created = tags()
            ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "a"}])
            # Tagging again adds new keys and overwrites existing ones; the others stay.
            ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "b"}, {"Key": "cost", "Value": "1"}])
            merged = tags()
            # Untagging a key the table does not have is not an error.
            ddb.untag_resource(ResourceArn=arn, TagKeys=["env", "born", "never-set"])
            untagged = tags()
            # Two tags left: 48 more reach the limit of 50, and re-tagging an existing key at the limit still fits.
            ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i:02}", "Value": "v"} for i in range(48)])
            ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "c"}])
            atLimit = len(tags())
            overLimit = err(lambda: ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "one-more", "Value": "v"}]))
            afterRefusal = len(tags())
            print(json.dumps({"arn": arn, "created": created, "merged": merged, "untagged": untagged, "atLimit": atLimit,
                "overLimit": overLimit, "afterRefusal": afterRefusal}))
            """));
        Assert.Equal("""[["born","with-table"]]""", Compact(result, "created"));
        Assert.Equal("""[["born","with-table"],["cost","1"],["env","test"],["team","b"]]""", Compact(result, "merged"));
        Assert.Equal("""[["cost","1"],["team","b"]]""", Compact(result, "untagged"));
        Assert.Equal(50, result.GetProperty("atLimit").GetInt32());
        // The code and status are AWS's; AWS's message for this limit is not documented, so its wording is not pinned.
        var (code, status, _) = Error(result.GetProperty("overLimit"));
        Assert.Equal(("LimitExceededException", 400), (code, status));
        Assert.Equal(50, result.GetProperty("afterRefusal").GetInt32());
    }

    [Fact]
    public async Task TagOperations_OnAnArnWithNoTable_AreResourceNotFound()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("real", ("pk", "S"))
            arn = ddb.describe_table(TableName="real")["Table"]["TableArn"].replace("table/real", "table/ghost")
            print(json.dumps({"arn": arn,
                "tag": err(lambda: ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])),
                "untag": err(lambda: ddb.untag_resource(ResourceArn=arn, TagKeys=["k"])),
                "list": err(lambda: ddb.list_tags_of_resource(ResourceArn=arn))}))
            """));
        var arn = result.GetProperty("arn").GetString();
        foreach (var operation in new[] { "tag", "untag", "list" })
        {
            // "ResourcArn" is AWS's own spelling in this message.
            Assert.Equal(("ResourceNotFoundException", 400, $"Requested resource not found: ResourcArn: {arn} not found"), Error(result.GetProperty(operation)));
        }
    }
}
