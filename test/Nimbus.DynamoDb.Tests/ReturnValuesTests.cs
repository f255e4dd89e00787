using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>ReturnValues on UpdateItem (every value) and PutItem (NONE/ALL_OLD only) through the boto3 client.</summary>
public sealed class ReturnValuesTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task UpdateItem_ReturnsTheWholeItemOrJustTheUpdatedPaths_BeforeOrAfter()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("retvals", ("pk", "S"))
            key = {"pk": {"S": "a"}}
            def reset():
                ddb.put_item(TableName="retvals", Item={**key, "n": {"N": "1"}, "keep": {"S": "k"}, "gone": {"S": "g"},
                    "m": {"M": {"x": {"N": "1"}, "y": {"N": "2"}}}, "l": {"L": [{"S": "l0"}, {"S": "l1"}]}})
            update = dict(TableName="retvals", Key=key, UpdateExpression="SET n = n + :one, m.x = :ten, l[1] = :new, fresh = :f REMOVE gone",
                ExpressionAttributeValues={":one": {"N": "1"}, ":ten": {"N": "10"}, ":new": {"S": "L1"}, ":f": {"S": "f"}})
            out = {}
            for rv in ["NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"]:
                reset()
                out[rv] = ddb.update_item(ReturnValues=rv, **update).get("Attributes")
            # An update that creates the item has no old attributes to return.
            out["createdOld"] = ddb.update_item(TableName="retvals", Key={"pk": {"S": "new"}}, UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": {"S": "v"}}, ReturnValues="UPDATED_OLD").get("Attributes")
            out["createdNew"] = ddb.update_item(TableName="retvals", Key={"pk": {"S": "new2"}}, UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": {"S": "v"}}, ReturnValues="ALL_NEW").get("Attributes")
            out["bad"] = err(lambda: ddb.update_item(ReturnValues="EVERYTHING", **update))
            print(json.dumps(out))
            """));
        var old = """{"pk":{"S":"a"},"n":{"N":"1"},"keep":{"S":"k"},"gone":{"S":"g"},"m":{"M":{"x":{"N":"1"},"y":{"N":"2"}}},"l":{"L":[{"S":"l0"},{"S":"l1"}]}}""";
        var updated = """{"pk":{"S":"a"},"n":{"N":"2"},"keep":{"S":"k"},"m":{"M":{"x":{"N":"10"},"y":{"N":"2"}}},"l":{"L":[{"S":"l0"},{"S":"L1"}]},"fresh":{"S":"f"}}""";
        Assert.Equal("null", Compact(result, "NONE"));
        AssertSameItem(old, Compact(result, "ALL_OLD"));
        AssertSameItem(updated, Compact(result, "ALL_NEW"));
        // UPDATED_*: only the paths the expression names — nested ones as far as they go — before or after the update;
        // a path that did not exist before (fresh) or does not after (gone) is left out.
        AssertSameItem("""{"n":{"N":"1"},"m":{"M":{"x":{"N":"1"}}},"l":{"L":[{"S":"l1"}]},"gone":{"S":"g"}}""", Compact(result, "UPDATED_OLD"));
        AssertSameItem("""{"n":{"N":"2"},"m":{"M":{"x":{"N":"10"}}},"l":{"L":[{"S":"L1"}]},"fresh":{"S":"f"}}""", Compact(result, "UPDATED_NEW"));
        Assert.Equal("null", Compact(result, "createdOld"));
        AssertSameItem("""{"pk":{"S":"new2"},"v":{"S":"v"}}""", Compact(result, "createdNew"));
        var (code, status, _) = Error(result.GetProperty("bad"));
        Assert.Equal(("ValidationException", 400), (code, status));
    }

    [Fact]
    public async Task PutItem_ReturnsTheOldItem_AndRefusesTheUpdateOnlyValues()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("rvp", ("pk", "S"))
            item = lambda v: {"pk": {"S": "a"}, "v": {"S": v}}
            first = ddb.put_item(TableName="rvp", Item=item("1"), ReturnValues="ALL_OLD").get("Attributes")
            second = ddb.put_item(TableName="rvp", Item=item("2"), ReturnValues="ALL_OLD").get("Attributes")
            none = ddb.put_item(TableName="rvp", Item=item("3"), ReturnValues="NONE").get("Attributes")
            refused = {rv: err(lambda: ddb.put_item(TableName="rvp", Item=item("4"), ReturnValues=rv)) for rv in ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"]}
            stored = ddb.get_item(TableName="rvp", Key={"pk": {"S": "a"}})["Item"]["v"]["S"]
            print(json.dumps({"first": first, "second": second, "none": none, "refused": refused, "stored": stored}))
            """));
        Assert.Equal("null", Compact(result, "first"));
        AssertSameItem("""{"pk":{"S":"a"},"v":{"S":"1"}}""", Compact(result, "second"));
        Assert.Equal("null", Compact(result, "none"));
        foreach (var refused in result.GetProperty("refused").EnumerateObject())
        {
            Assert.Equal(("ValidationException", 400, "Return values set to invalid value"), Error(refused.Value));
        }
        // A refused request writes nothing.
        Assert.Equal("3", result.GetProperty("stored").GetString());
    }

    /// <summary>Items as JSON objects, compared without regard to attribute order (DynamoDB promises none).</summary>
    private static void AssertSameItem(string expected, string actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)),
            $"expected {expected}\nactual   {actual}");
}
