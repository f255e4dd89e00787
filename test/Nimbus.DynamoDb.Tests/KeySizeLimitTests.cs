using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// Key size limits: a partition key of at most 2048 bytes and a sort key of at most 1024 (UTF-8 bytes for strings),
/// with AWS's messages (the missing space in "limit of2048" is AWS's).
/// </summary>
public sealed class KeySizeLimitTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string HashTooBig = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes";
    private const string RangeTooBig = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes";

    [Fact]
    public async Task Keys_AtTheLimitAreStored_AndOneByteOverIsRefusedWithAwsWording()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("sizes", ("pk", "S"), ("sk", "S"))
            make("bsizes", ("pk", "B"), ("sk", "B"))
            def item(pk, sk): return {"pk": {"S": pk}, "sk": {"S": sk}}
            # "\u00e9" is two UTF-8 bytes: the limit counts bytes, not characters.
            ddb.put_item(TableName="sizes", Item=item("h" * 2048, "r" * 1024))
            ddb.put_item(TableName="sizes", Item=item("\u00e9" * 1024, "\u00e9" * 512))
            ddb.put_item(TableName="bsizes", Item={"pk": {"B": b"\xff" * 2048}, "sk": {"B": b"\x80" * 1024}})
            stored = ddb.scan(TableName="sizes", Select="COUNT")["Count"] + ddb.scan(TableName="bsizes", Select="COUNT")["Count"]
            print(json.dumps({"stored": stored, "cases": {
                "hash": err(lambda: ddb.put_item(TableName="sizes", Item=item("h" * 2049, "r"))),
                "hashUtf8": err(lambda: ddb.put_item(TableName="sizes", Item=item("\u00e9" * 1024 + "x", "r"))),
                "range": err(lambda: ddb.put_item(TableName="sizes", Item=item("h", "r" * 1025))),
                "rangeUtf8": err(lambda: ddb.put_item(TableName="sizes", Item=item("h", "\u00e9" * 512 + "x"))),
                "binaryHash": err(lambda: ddb.put_item(TableName="bsizes", Item={"pk": {"B": b"\xff" * 2049}, "sk": {"B": b"\x01"}})),
                "binaryRange": err(lambda: ddb.put_item(TableName="bsizes", Item={"pk": {"B": b"\x01"}, "sk": {"B": b"\x80" * 1025}})),
                "getHash": err(lambda: ddb.get_item(TableName="sizes", Key=item("h" * 2049, "r"))),
                "deleteRange": err(lambda: ddb.delete_item(TableName="sizes", Key=item("h", "r" * 1025))),
                "updateRange": err(lambda: ddb.update_item(TableName="sizes", Key=item("h", "r" * 1025), UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "x"}})),
                "batchPutHash": err(lambda: ddb.batch_write_item(RequestItems={"sizes": [{"PutRequest": {"Item": item("h" * 2049, "r")}}]})),
            }}))
            """));
        Assert.Equal(3, result.GetProperty("stored").GetInt32());
        var cases = result.GetProperty("cases");
        foreach (var name in new[] { "hash", "hashUtf8", "binaryHash", "getHash", "batchPutHash" })
        {
            Assert.True(("ValidationException", 400, HashTooBig) == Error(cases.GetProperty(name)), $"{name}: {cases.GetProperty(name)}");
        }
        foreach (var name in new[] { "range", "rangeUtf8", "binaryRange", "deleteRange", "updateRange" })
        {
            Assert.True(("ValidationException", 400, RangeTooBig) == Error(cases.GetProperty(name)), $"{name}: {cases.GetProperty(name)}");
        }
    }
}
