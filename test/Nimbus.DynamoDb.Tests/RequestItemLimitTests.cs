using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// BatchGetItem, TransactGetItems and TransactWriteItems take at most 100 items, PartiQL's BatchExecuteStatement 25 and
/// ExecuteTransaction 100 statements; the limit works, one more is refused with AWS's messages.
/// </summary>
public sealed class RequestItemLimitTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    /// <summary>AWS quotes the request's list as its Java service prints it; the identity hashes after '@' vary.</summary>
    private static string TooMany(string memberType, string member = "transactItems", int max = 100) =>
        $@"^1 validation error detected: Value '\[(com\.amazonaws\.dynamodb\.v20120810\.{memberType}@[0-9a-f]+, ){{{max}}}com\.amazonaws\.dynamodb\.v20120810\.{memberType}@[0-9a-f]+\]' " +
        $"at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}$";

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
        Assert.Matches(TooMany("TransactWriteItem"), message);
        Assert.Equal(100, result.GetProperty("written").GetInt32());
        Assert.Equal(("ValidationException", 400, "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
            Error(result.GetProperty("writeNone")));
        (code, status, message) = Error(result.GetProperty("get101"));
        Assert.Equal(("ValidationException", 400), (code, status));
        Assert.Matches(TooMany("TransactGetItem"), message);
        Assert.Equal(("ValidationException", 400, "Too many items requested for the BatchGetItem call"), Error(result.GetProperty("batch101")));
        Assert.Equal(("ValidationException", 400, "Too many items requested for the BatchGetItem call"), Error(result.GetProperty("batch101Tables")));
    }

    [Fact]
    public async Task PartiQl_TakesTwentyFiveBatchStatementsAndAHundredTransactionStatements_AndRefusesOneMore()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("limq", ("pk", "S"))
            insert = lambda i: {"Statement": "INSERT INTO limq VALUE {'pk': ?}", "Parameters": [{"S": str(i)}]}
            batch25 = ddb.batch_execute_statement(Statements=[insert(i) for i in range(25)])["Responses"]
            ddb.execute_transaction(TransactStatements=[insert(i) for i in range(100, 200)])
            print(json.dumps({
                "batch25": sum(1 for r in batch25 if "Error" not in r),
                "batch26": err(lambda: ddb.batch_execute_statement(Statements=[insert(i) for i in range(300, 326)])),
                "transaction101": err(lambda: ddb.execute_transaction(TransactStatements=[insert(i) for i in range(400, 501)])),
                "transactionNone": err(lambda: ddb.execute_transaction(TransactStatements=[])),
                "written": ddb.scan(TableName="limq", Select="COUNT")["Count"],
            }))
            """));
        Assert.Equal(25, result.GetProperty("batch25").GetInt32());
        var (code, status, message) = Error(result.GetProperty("batch26"));
        Assert.Equal(("ValidationException", 400), (code, status));
        Assert.Matches(TooMany("BatchStatementRequest", "statements", 25), message);
        (code, status, message) = Error(result.GetProperty("transaction101"));
        Assert.Equal(("ValidationException", 400), (code, status));
        Assert.Matches(TooMany("ParameterizedStatement", "transactStatements"), message);
        Assert.Equal(("ValidationException", 400, "1 validation error detected: Value '[]' at 'transactStatements' failed to satisfy constraint: Member must have length greater than or equal to 1"),
            Error(result.GetProperty("transactionNone")));
        Assert.Equal(125, result.GetProperty("written").GetInt32());
    }
}
