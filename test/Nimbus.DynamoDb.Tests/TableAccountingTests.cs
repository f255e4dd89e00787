using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// What every write keeps without counting the table: DescribeTable's ItemCount/TableSizeBytes (table and indexes),
/// the item collection size of tables with LSIs (ItemCollectionSizeLimitExceededException, ItemCollectionMetrics),
/// BatchGetItem's 16 MB page, and DynamoDB's error Content-Type. boto3 and the AWS CLI.
/// </summary>
public sealed class TableAccountingTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string Helpers = """
        ddb = client("dynamodb")
        def err(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                        "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                        "contentType": e.response["ResponseMetadata"]["HTTPHeaders"].get("content-type")}
            return None

        """;

    [Fact]
    public async Task DescribeTable_CountsAndSizes_FollowPutsOverwritesAndDeletes()
    {
        // Item {pk: "a", sk: 1, data: 100 × "x"}: "pk"+"a" = 3, "sk"+1 (2 bytes) = 4, "data"+100 = 104 → 111 bytes.
        // The GSI on "g" holds items that have g; an entry is its projected attributes (KEYS_ONLY: pk, sk, g) + 100 bytes.
        var result = await server.Boto3.RunAsync(Helpers + """
            ddb.create_table(TableName="counted", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}, {"AttributeName": "g", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}])
            def describe():
                t = ddb.describe_table(TableName="counted")["Table"]
                g = t["GlobalSecondaryIndexes"][0]
                return [t["ItemCount"], t["TableSizeBytes"], g["ItemCount"], g["IndexSizeBytes"]]
            empty = describe()
            for i in range(1, 4):
                ddb.put_item(TableName="counted", Item={"pk": {"S": "a"}, "sk": {"N": str(i)}, "data": {"S": "x" * 100}})
            three = describe()
            ddb.put_item(TableName="counted", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "data": {"S": "x" * 100}, "g": {"S": "y"}})
            indexed = describe()
            ddb.delete_item(TableName="counted", Key={"pk": {"S": "a"}, "sk": {"N": "2"}})
            ddb.delete_item(TableName="counted", Key={"pk": {"S": "a"}, "sk": {"N": "9"}})
            deleted = describe()
            print(json.dumps({"empty": empty, "three": three, "indexed": indexed, "deleted": deleted}))
            """);
        Assert.Equal([0, 0, 0, 0], Ints(result, "empty"));
        Assert.Equal([3, 333, 0, 0], Ints(result, "three"));
        // The overwrite adds g (1 + 1 = 2 bytes); its index entry is pk (3) + sk (4) + g (2) + 100.
        Assert.Equal([3, 335, 1, 109], Ints(result, "indexed"));
        Assert.Equal([2, 224, 1, 109], Ints(result, "deleted"));
    }

    [Fact]
    public async Task ItemCollection_PastTheLimit_IsRefusedAndReportedWithSize()
    {
        // Each item is 212 bytes, its LSI entry (ALL) 312: 524 bytes per item, so two fit in 1,500 and a third does not.
        server.Host.Services.GetRequiredService<DynamoDbSettings>().ItemCollectionSizeLimitBytes = 1500;
        try
        {
            var result = await server.Boto3.RunAsync(Helpers + """
                ddb.create_table(TableName="lsi", BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}, {"AttributeName": "l", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                    LocalSecondaryIndexes=[{"IndexName": "by-l", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}])
                def put(pk, sk, **kw):
                    return ddb.put_item(TableName="lsi", Item={"pk": {"S": pk}, "sk": {"S": sk}, "l": {"S": "v"}, "data": {"S": "x" * 200}}, **kw)
                first = put("a", "1", ReturnItemCollectionMetrics="SIZE")["ItemCollectionMetrics"]
                put("a", "2")
                over = err(lambda: put("a", "3"))
                other = put("b", "1", ReturnItemCollectionMetrics="SIZE")["ItemCollectionMetrics"]["ItemCollectionKey"]
                ddb.delete_item(TableName="lsi", Key={"pk": {"S": "a"}, "sk": {"S": "2"}})
                again = "ItemCollectionMetrics" in put("a", "3", ReturnItemCollectionMetrics="SIZE")
                without = "ItemCollectionMetrics" in put("c", "1")
                batch = ddb.batch_write_item(RequestItems={"lsi": [{"PutRequest": {"Item": {"pk": {"S": "d"}, "sk": {"S": "1"}}}}]}, ReturnItemCollectionMetrics="SIZE")
                bad = err(lambda: put("e", "1", ReturnItemCollectionMetrics="BOGUS"))
                print(json.dumps({"first": first, "over": over, "other": other, "again": again, "without": without,
                    "batchUnprocessed": batch["UnprocessedItems"], "batchMetrics": batch["ItemCollectionMetrics"], "bad": bad}))
                """);
            var first = result.GetProperty("first");
            Assert.Equal("a", first.GetProperty("ItemCollectionKey").GetProperty("pk").GetProperty("S").GetString());
            Assert.Equal([0.0, 1.0], first.GetProperty("SizeEstimateRangeGB").EnumerateArray().Select(e => e.GetDouble()).ToArray());
            var over = result.GetProperty("over");
            Assert.Equal("ItemCollectionSizeLimitExceededException", over.GetProperty("code").GetString());
            Assert.Equal(400, over.GetProperty("status").GetInt32());
            Assert.Equal("b", result.GetProperty("other").GetProperty("pk").GetProperty("S").GetString());
            Assert.True(result.GetProperty("again").GetBoolean());
            Assert.False(result.GetProperty("without").GetBoolean());
            Assert.Empty(result.GetProperty("batchUnprocessed").EnumerateObject());
            Assert.Equal("d", result.GetProperty("batchMetrics").GetProperty("lsi")[0].GetProperty("ItemCollectionKey").GetProperty("pk").GetProperty("S").GetString());
            Assert.Equal("ValidationException", result.GetProperty("bad").GetProperty("code").GetString());
            Assert.Contains("returnItemCollectionMetrics", result.GetProperty("bad").GetProperty("message").GetString());
        }
        finally
        {
            server.Host.Services.GetRequiredService<DynamoDbSettings>().ItemCollectionSizeLimitBytes = DynamoDbSettings.DefaultItemCollectionSizeLimit;
        }
    }

    [Fact]
    public async Task BatchGetItem_Past16MB_ReturnsTheRestAsUnprocessedKeys()
    {
        var result = await server.Boto3.RunAsync(Helpers + """
            ddb.create_table(TableName="big", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
            blob = "x" * (390 * 1024)
            for start in range(0, 50, 10):
                out = ddb.batch_write_item(RequestItems={"big": [{"PutRequest": {"Item": {"id": {"S": str(i)}, "blob": {"S": blob}}}} for i in range(start, start + 10)]})
                assert out["UnprocessedItems"] == {}
            got = ddb.batch_get_item(RequestItems={"big": {"Keys": [{"id": {"S": str(i)}} for i in range(50)], "ProjectionExpression": "id"}})
            returned = [i["id"]["S"] for i in got["Responses"]["big"]]
            unprocessed = got["UnprocessedKeys"]["big"]
            rest = ddb.batch_get_item(RequestItems=got["UnprocessedKeys"])
            print(json.dumps({"returned": len(returned), "unprocessed": len(unprocessed["Keys"]), "projection": unprocessed.get("ProjectionExpression"),
                "all": sorted(returned + [i["id"]["S"] for i in rest["Responses"]["big"]], key=int) == [str(i) for i in range(50)],
                "restUnprocessed": rest["UnprocessedKeys"]}))
            """, TimeSpan.FromMinutes(4));
        // 16 MB of 390 KB items is 42 items; the rest (and the table's own parameters) come back unprocessed.
        Assert.Equal(42, result.GetProperty("returned").GetInt32());
        Assert.Equal(8, result.GetProperty("unprocessed").GetInt32());
        Assert.Equal("id", result.GetProperty("projection").GetString());
        Assert.True(result.GetProperty("all").GetBoolean());
        Assert.Empty(result.GetProperty("restUnprocessed").EnumerateObject());
    }

    [Fact]
    public async Task Errors_AreAnsweredAsAwsJson10()
    {
        var result = await server.Boto3.RunAsync(Helpers + """
            missing = err(lambda: ddb.describe_table(TableName="nope"))
            invalid = err(lambda: ddb.put_item(TableName="nope", Item={}))
            streams = client("dynamodbstreams")
            stream = err(lambda: streams.describe_stream(StreamArn="arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2026-01-01T00:00:00.000"))
            print(json.dumps({"missing": missing, "invalid": invalid, "stream": stream}))
            """);
        foreach (var name in new[] { "missing", "invalid", "stream" })
        {
            Assert.Equal("application/x-amz-json-1.0", result.GetProperty(name).GetProperty("contentType").GetString());
        }
        Assert.Equal("ResourceNotFoundException", result.GetProperty("missing").GetProperty("code").GetString());
        var message = await server.Cli.FailsWithAsync("ResourceNotFoundException", "dynamodb", "describe-table", "--table-name", "nope");
        Assert.Contains("nope", message);
    }

    private static int[] Ints(System.Text.Json.JsonElement result, string name) => result.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
