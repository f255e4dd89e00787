namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// Query and Scan stop after reading 1 MB of items (before the filter, as AWS counts) and answer LastEvaluatedKey;
/// resuming from it returns the rest, with nothing lost or repeated.
/// </summary>
public sealed class PageSizeLimitTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task QueryAndScan_StopAtOneMegabyte_AndResumeWithoutLossOrRepeats()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("big", ("pk", "S"), ("sk", "N"))
            # 30 items of about 100 KB: about 3 MB, so three pages of at most 1 MB each.
            for i in range(30):
                ddb.put_item(TableName="big", Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "blob": {"S": "x" * 100000}})
            def pages(call, **kw):
                out, start = [], None
                while True:
                    page = call(TableName="big", **kw, **({"ExclusiveStartKey": start} if start else {}))
                    start = page.get("LastEvaluatedKey")
                    out.append({"sks": [int(i["sk"]["N"]) for i in page.get("Items", [])], "scanned": page["ScannedCount"], "more": start is not None})
                    if not start or len(out) > 10: break
                return out
            q = dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
            print(json.dumps({
                "query": pages(ddb.query, **q),
                "queryBack": pages(ddb.query, ScanIndexForward=False, **q),
                # A Limit above what fits in 1 MB does not lift the 1 MB stop.
                "queryLimit": pages(ddb.query, Limit=25, **q),
                "scan": pages(ddb.scan),
                # The filter runs after the read: a page can hold no items and still say there is more.
                "filtered": pages(ddb.query, FilterExpression="sk < :none", **{**q, "ExpressionAttributeValues": {":p": {"S": "p"}, ":none": {"N": "-1"}}}),
            }))
            """), TimeSpan.FromMinutes(4));
        foreach (var (name, ascending) in new[] { ("query", true), ("queryBack", false), ("queryLimit", true), ("scan", true) })
        {
            var pages = result.GetProperty(name).EnumerateArray().ToList();
            var expected = ascending ? Enumerable.Range(0, 30).ToArray() : Enumerable.Range(0, 30).Reverse().ToArray();
            Assert.Equal(expected, pages.SelectMany(p => p.GetProperty("sks").EnumerateArray().Select(e => e.GetInt32())).ToArray());
            Assert.Equal(3, pages.Count);
            foreach (var page in pages.SkipLast(1))
            {
                // 10 items are just under 1 MB (1,048,576 bytes), so the read stops at the 10th or 11th.
                Assert.InRange(page.GetProperty("scanned").GetInt32(), 10, 11);
                Assert.True(page.GetProperty("more").GetBoolean());
            }
            Assert.False(pages[^1].GetProperty("more").GetBoolean());
        }
        var filtered = result.GetProperty("filtered").EnumerateArray().ToList();
        Assert.Equal(3, filtered.Count);
        Assert.All(filtered, p => Assert.Empty(p.GetProperty("sks").EnumerateArray()));
        Assert.Equal(30, filtered.Sum(p => p.GetProperty("scanned").GetInt32()));
        Assert.True(filtered[0].GetProperty("more").GetBoolean());
    }
}
