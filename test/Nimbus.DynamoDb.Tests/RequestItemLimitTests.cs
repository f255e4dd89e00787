using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>BatchGetItem, TransactGetItems and TransactWriteItems take at most 100 items; 100 work, 101 are refused with AWS's messages.</summary>
public sealed class RequestItemLimitTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    /// <summary>AWS quotes the request's list as its Java service prints it; the identity hashes after '@' vary.</summary>
    private static string TransactItemsTooMany(string member) =>
        $@"^1 validation error detected: Value '\[(com\.amazonaws\.dynamodb\.v20120810\.{member}@[0-9a-f]+, ){{100}}com\.amazonaws\.dynamodb\.v20120810\.{member}@[0-9a-f]+\]' " +
        "at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$";

    [Fact]
    public async Task HundredItems_Work_AndAHundredAndOneAreRefused()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("lim", ("pk", "S"), ("sk", "N"))
            make("lim2", ("pk", "S"))
            key = lambda i: {"pk": {"S": "k"}, "sk": {"N": str(i)}}
            put = lambda i: {"Put": {"TableName": "lim", "Item": {**key(i), "v": {"N": str(i)}}}}
            get = lambda i: {"Get": {"TableName": "lim", "Key": key(i)}}
            ddb.transact_write_items(TransactItems=[put(i) for i in range(100)])
            got100 = ddb.transact_get_items(TransactItems=[get(i) for i in range(100)])["Responses"]
            batch100 = ddb.batch_get_item(RequestItems={"lim": {"Keys": [key(i) for i in range(100)]}})["Responses"]["lim"]
            print(json.dumps({
                "got100": sorted(int(r["Item"]["v"]["N"]) for r in got100), "batch100": len(batch100),
                "write101": err(lambda: ddb.transact_write_items(TransactItems=[put(i) for i in range(100, 201)])),
                "written": ddb.scan(TableName="lim", Select="COUNT")["Count"],
                "writeNone": err(lambda: ddb.transact_write_items(TransactItems=[])),
                "get101": err(lambda: ddb.transact_get_items(TransactItems=[get(i) for i in range(101)])),
                "batch101": err(lambda: ddb.batch_get_item(RequestItems={"lim": {"Keys": [key(i) for i in range(101)]}})),
                # The limit is on the whole request, not on each table.
                "batch101Tables": err(lambda: ddb.batch_get_item(RequestItems={"lim": {"Keys": [key(i) for i in range(100)]},
                    "lim2": {"Keys": [{"pk": {"S": "x"}}]}})),
            }))
            """));
        Assert.Equal(Enumerable.Range(0, 100).ToArray(), result.GetProperty("got100").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(100, result.GetProperty("batch100").GetInt32());
        var (code, status, message) = Error(result.GetProperty("write101"));
        Assert.Equal(("ValidationException", 400), (code, status));
        Assert.Matches(TransactItemsTooMany("TransactWriteItem"), message);
        Assert.Equal(100, result.GetProperty("written").GetInt32());
        Assert.Equal(("ValidationException", 400, "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
            Error(result.GetProperty("writeNone")));
        (code, status, message) = Error(result.GetProperty("get101"));
        Assert.Equal(("ValidationException", 400), (code, status));
        Assert.Matches(TransactItemsTooMany("TransactGetItem"), message);
        Assert.Equal(("ValidationException", 400, "Too many items requested for the BatchGetItem call"), Error(result.GetProperty("batch101")));
        Assert.Equal(("ValidationException", 400, "Too many items requested for the BatchGetItem call"), Error(result.GetProperty("batch101Tables")));
    }
}
