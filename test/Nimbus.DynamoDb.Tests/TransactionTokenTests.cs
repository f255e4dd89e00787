namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// TransactWriteItems' ClientRequestToken on a moved clock: "valid for 10 minutes after the first request that uses it";
/// within that window a replay is a no-op and a different request under the token is refused; after it, the token
/// is new again.
/// </summary>
public sealed class TransactionTokenTests(FakeClockServerFixture server) : IClassFixture<FakeClockServerFixture>
{
    // A: add 1 to "counter"; A2: the same token with a different request (add 5); B: add 1 to "other" under its own token.
    private const string Requests = """
        ddb = client("dynamodb")
        def add(key, n):
            return [{"Update": {"TableName": "tokens", "Key": {"id": {"S": key}}, "UpdateExpression": "ADD v :n",
                "ExpressionAttributeValues": {":n": {"N": str(n)}}}}]
        def send(items, token):
            try:
                ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
                return "ok"
            except botocore.exceptions.ClientError as e:
                return e.response["Error"]["Code"]
        def value(key):
            return int(ddb.get_item(TableName="tokens", Key={"id": {"S": key}}, ConsistentRead=True)["Item"]["v"]["N"])
        A, A2, B = add("counter", 1), add("counter", 5), add("other", 1)

        """;

    [Fact]
    public async Task ClientRequestToken_IsIdempotentForTenMinutes_ThenTreatedAsNew()
    {
        var first = await server.Boto3.RunAsync(Requests + """
            ddb.create_table(TableName="tokens", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
            sent = [send(A, "token-a"), send(A, "token-a"), send(A2, "token-a"), send(B, "token-b")]
            print(json.dumps({"sent": sent, "counter": value("counter"), "other": value("other")}))
            """);
        Assert.Equal(["ok", "ok", "IdempotentParameterMismatchException", "ok"], Strings(first.GetProperty("sent")));
        Assert.Equal(1, first.GetProperty("counter").GetInt32());

        // One second short of ten minutes (with the expiry sweep run): still the same transaction.
        await server.AdvanceAndSweepAsync(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var within = await server.Boto3.RunAsync(Requests + """
            sent = [send(A, "token-a"), send(A2, "token-a"), send(B, "token-b")]
            print(json.dumps({"sent": sent, "counter": value("counter"), "other": value("other")}))
            """);
        Assert.Equal(["ok", "IdempotentParameterMismatchException", "ok"], Strings(within.GetProperty("sent")));
        Assert.Equal(1, within.GetProperty("counter").GetInt32());
        Assert.Equal(1, within.GetProperty("other").GetInt32());

        // Past ten minutes the tokens are forgotten: another request under token-a is accepted, and replaying B writes again.
        await server.AdvanceAndSweepAsync(TimeSpan.FromSeconds(2));
        var after = await server.Boto3.RunAsync(Requests + """
            sent = [send(A2, "token-a"), send(B, "token-b")]
            print(json.dumps({"sent": sent, "counter": value("counter"), "other": value("other")}))
            """);
        Assert.Equal(["ok", "ok"], Strings(after.GetProperty("sent")));
        Assert.Equal(6, after.GetProperty("counter").GetInt32());
        Assert.Equal(2, after.GetProperty("other").GetInt32());
    }

    private static string[] Strings(System.Text.Json.JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
