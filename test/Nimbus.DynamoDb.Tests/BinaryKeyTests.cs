using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// Binary (B) keys and binary sets through boto3. DynamoDB orders binary keys as unsigned bytes, so 0x80 and 0xff come
/// after 0x7f (a signed comparison would put them first).
/// </summary>
public sealed class BinaryKeyTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Query_OnABinarySortKey_OrdersUnsignedBytewise_AndBeginsWithMatchesPrefixes()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("bin", ("pk", "S"), ("sk", "B"))
            keys = ["ff", "00", "80", "7f", "01", "7fff", "8000", "ffff", "ff00"]
            for k in keys:
                ddb.put_item(TableName="bin", Item={"pk": {"S": "p"}, "sk": {"B": bytes.fromhex(k)}, "v": {"S": k}})
            def q(cond="", values={}, **kw):
                expr = "pk = :p" + (" AND " + cond if cond else "")
                vals = {":p": {"S": "p"}, **{n: {"B": bytes.fromhex(h)} for n, h in values.items()}}
                return [i["sk"]["B"].hex() for i in ddb.query(TableName="bin", KeyConditionExpression=expr, ExpressionAttributeValues=vals, **kw)["Items"]]
            paged, start = [], None
            while True:
                page = ddb.query(TableName="bin", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Limit=4,
                    **({"ExclusiveStartKey": start} if start else {}))
                paged += [i["sk"]["B"].hex() for i in page["Items"]]
                start = page.get("LastEvaluatedKey")
                if not start: break
            print(json.dumps({
                "asc": q(), "desc": q(ScanIndexForward=False), "paged": paged,
                "gt7f": q("sk > :a", {":a": "7f"}), "le80": q("sk <= :a", {":a": "80"}),
                "between": q("sk BETWEEN :a AND :b", {":a": "7f", ":b": "80"}),
                "begins80": q("begins_with(sk, :a)", {":a": "80"}), "begins7f": q("begins_with(sk, :a)", {":a": "7f"}),
                # A prefix of 0xff has no byte string just past it: the range is open above.
                "beginsff": q("begins_with(sk, :a)", {":a": "ff"}), "beginsffff": q("begins_with(sk, :a)", {":a": "ffff"}),
                "got": ddb.get_item(TableName="bin", Key={"pk": {"S": "p"}, "sk": {"B": bytes.fromhex("8000")}})["Item"]["v"]["S"],
                "emptyKey": err(lambda: ddb.put_item(TableName="bin", Item={"pk": {"S": "p"}, "sk": {"B": b""}})),
            }))
            """));
        string[] ascending = ["00", "01", "7f", "7fff", "80", "8000", "ff", "ff00", "ffff"];
        Assert.Equal(ascending, Strings(result, "asc"));
        Assert.Equal(ascending.Reverse().ToArray(), Strings(result, "desc"));
        Assert.Equal(ascending, Strings(result, "paged"));
        Assert.Equal(["7fff", "80", "8000", "ff", "ff00", "ffff"], Strings(result, "gt7f"));
        Assert.Equal(["00", "01", "7f", "7fff", "80"], Strings(result, "le80"));
        Assert.Equal(["7f", "7fff", "80"], Strings(result, "between"));
        Assert.Equal(["80", "8000"], Strings(result, "begins80"));
        Assert.Equal(["7f", "7fff"], Strings(result, "begins7f"));
        Assert.Equal(["ff", "ff00", "ffff"], Strings(result, "beginsff"));
        Assert.Equal(["ffff"], Strings(result, "beginsffff"));
        Assert.Equal("8000", result.GetProperty("got").GetString());
        Assert.Equal(("ValidationException", 400, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk"),
            Error(result.GetProperty("emptyKey")));
    }

    [Fact]
    public async Task BinaryHashKeysAndBinarySets_RoundTrip()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("binhash", ("id", "B"))
            ids = [b"\x00", b"\x80\x00", b"\xff" * 3, bytes(range(256))]
            for n, i in enumerate(ids):
                ddb.put_item(TableName="binhash", Item={"id": {"B": i}, "n": {"N": str(n)}, "bs": {"BS": [i, b"\x7f", b"\x80"]}})
            got = [ddb.get_item(TableName="binhash", Key={"id": {"B": i}})["Item"] for i in ids]
            ddb.update_item(TableName="binhash", Key={"id": {"B": ids[0]}}, UpdateExpression="ADD bs :add",
                ExpressionAttributeValues={":add": {"BS": [b"\xfe", b"\x7f"]}})
            ddb.update_item(TableName="binhash", Key={"id": {"B": ids[1]}}, UpdateExpression="DELETE bs :gone",
                ExpressionAttributeValues={":gone": {"BS": [b"\x80"]}})
            after = [ddb.get_item(TableName="binhash", Key={"id": {"B": i}})["Item"]["bs"]["BS"] for i in ids[:2]]
            scanned = ddb.scan(TableName="binhash")["Items"]
            print(json.dumps({
                "ids": [g["id"]["B"].hex() for g in got], "n": [g["n"]["N"] for g in got],
                "sets": [sorted(b.hex() for b in g["bs"]["BS"]) for g in got],
                "after": [sorted(b.hex() for b in s) for s in after],
                "scanned": sorted(i["id"]["B"].hex() for i in scanned),
                "contains": ddb.scan(TableName="binhash", FilterExpression="contains(bs, :b)", ExpressionAttributeValues={":b": {"B": b"\xff\xff\xff"}}, Select="COUNT")["Count"],
            }))
            """));
        string[] ids = ["00", "8000", "ffffff", string.Concat(Enumerable.Range(0, 256).Select(i => i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))];
        Assert.Equal(ids, Strings(result, "ids"));
        Assert.Equal(["0", "1", "2", "3"], Strings(result, "n"));
        var sets = result.GetProperty("sets").EnumerateArray().Select(s => s.EnumerateArray().Select(e => e.GetString()!).ToArray()).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(new[] { ids[i], "7f", "80" }.Order(StringComparer.Ordinal).ToArray(), sets[i]);
        }
        Assert.Equal("""[["00","7f","80","fe"],["7f","8000"]]""", Compact(result, "after"));
        Assert.Equal(ids.Order(StringComparer.Ordinal).ToArray(), Strings(result, "scanned"));
        Assert.Equal(1, result.GetProperty("contains").GetInt32());
    }

    private static string[] Strings(System.Text.Json.JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
