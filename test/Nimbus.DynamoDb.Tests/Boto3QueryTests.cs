namespace Nimbus.DynamoDb.Tests;

/// <summary>Query and Scan through boto3: key conditions, indexes, pagination, filters and parallel scans.</summary>
public sealed class Boto3QueryTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Query_UsesKeyOrderIndexesAndPages()
    {
        var result = await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            ddb.create_table(TableName="orders", BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t in [("pk", "S"), ("sk", "N"), ("status", "S"), ("total", "N")]],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                LocalSecondaryIndexes=[{"IndexName": "by-total", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "total", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"}}],
                GlobalSecondaryIndexes=[{"IndexName": "by-status", "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}, {"AttributeName": "total", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]}, "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}])
            for i, n in enumerate(["-10", "-1.5", "0", "2", "10", "100", "1e3"]):
                ddb.put_item(TableName="orders", Item={"pk": {"S": "c1"}, "sk": {"N": n}, "status": {"S": "open" if i % 2 == 0 else "done"},
                    "total": {"N": str(100 - i)}, "note": {"S": "n" + str(i)}, "other": {"S": "x"}})
            def q(**kw):
                return ddb.query(TableName="orders", **kw)
            v = lambda d: {k: ({"N": x} if isinstance(x, str) and (x[0].isdigit() or x[0] == "-") else {"S": x}) for k, x in d.items()}
            asc = [i["sk"]["N"] for i in q(KeyConditionExpression="pk = :p", ExpressionAttributeValues=v({":p": "c1"}))["Items"]]
            desc = [i["sk"]["N"] for i in q(KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b", ExpressionAttributeValues=v({":p": "c1", ":a": "-1.5", ":b": "10"}), ScanIndexForward=False)["Items"]]
            pages, start, seen = 0, None, []
            while True:
                kw = {"ExclusiveStartKey": start} if start else {}
                page = q(KeyConditionExpression="pk = :p AND sk > :z", ExpressionAttributeValues=v({":p": "c1", ":z": "0"}), Limit=2, **kw)
                pages += 1
                seen += [i["sk"]["N"] for i in page["Items"]]
                start = page.get("LastEvaluatedKey")
                if not start: break
            filtered = q(KeyConditionExpression="pk = :p", FilterExpression="#s = :open", ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues=v({":p": "c1", ":open": "open"}))
            count = q(KeyConditionExpression="pk = :p", Select="COUNT", ExpressionAttributeValues=v({":p": "c1"}))
            lsi = q(IndexName="by-total", KeyConditionExpression="pk = :p AND #t < :t", ExpressionAttributeNames={"#t": "total"}, ExpressionAttributeValues=v({":p": "c1", ":t": "97"}))
            gsi = q(IndexName="by-status", KeyConditionExpression="#s = :open", ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues=v({":open": "open"}))
            gsiAll = err = None
            try:
                q(IndexName="by-status", Select="ALL_ATTRIBUTES", KeyConditionExpression="#s = :open", ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues=v({":open": "open"}))
            except botocore.exceptions.ClientError as e:
                err = e.response["Error"]["Message"]
            begins = None
            try:
                q(KeyConditionExpression="pk = :p AND begins_with(sk, :s)", ExpressionAttributeValues=v({":p": "c1", ":s": "1"}))
            except botocore.exceptions.ClientError as e:
                begins = e.response["Error"]["Message"]
            print(json.dumps({"asc": asc, "desc": desc, "pages": pages, "seen": seen, "filtered": [filtered["Count"], filtered["ScannedCount"]],
                "count": [count["Count"], "Items" in count], "lsi": [sorted(i.keys()) for i in lsi["Items"]], "lsiTotals": [i["total"]["N"] for i in lsi["Items"]],
                "gsi": [sorted(i.keys()) for i in gsi["Items"]][:1], "gsiTotals": [i["total"]["N"] for i in gsi["Items"]], "gsiErr": err, "begins": begins}))
            """);
        Assert.Equal(["-10", "-1.5", "0", "2", "10", "100", "1000"], Strings(result, "asc"));
        Assert.Equal(["10", "2", "0", "-1.5"], Strings(result, "desc"));
        Assert.Equal(["2", "10", "100", "1000"], Strings(result, "seen"));
        Assert.Equal(3, result.GetProperty("pages").GetInt32());
        Assert.Equal(4, result.GetProperty("filtered")[0].GetInt32());
        Assert.Equal(7, result.GetProperty("filtered")[1].GetInt32());
        Assert.Equal(7, result.GetProperty("count")[0].GetInt32());
        Assert.False(result.GetProperty("count")[1].GetBoolean());
        Assert.Equal(["pk", "sk", "total"], result.GetProperty("lsi")[0].EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["94", "95", "96"], Strings(result, "lsiTotals"));
        Assert.Equal(["note", "pk", "sk", "status", "total"], result.GetProperty("gsi")[0].EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["94", "96", "98", "100"], Strings(result, "gsiTotals"));
        Assert.Equal("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index by-status because its projection type is not ALL",
            result.GetProperty("gsiErr").GetString());
        Assert.Equal("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            result.GetProperty("begins").GetString());
    }

    [Fact]
    public async Task Scan_SegmentsPartitionTheTableAndGsisBackfill()
    {
        var result = await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            ddb.create_table(TableName="scan", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
            for i in range(40):
                ddb.put_item(TableName="scan", Item={"id": {"S": f"i{i:02}"}, "g": {"S": "even" if i % 2 == 0 else "odd"}, "n": {"N": str(i)}})
            seen = []
            for s in range(4):
                start = None
                while True:
                    kw = {"ExclusiveStartKey": start} if start else {}
                    page = ddb.scan(TableName="scan", Segment=s, TotalSegments=4, Limit=3, **kw)
                    seen += [i["id"]["S"] for i in page["Items"]]
                    start = page.get("LastEvaluatedKey")
                    if not start: break
            upd = ddb.update_table(TableName="scan", AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}],
                GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "ALL"}}}])
            status = upd["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"]
            ddb.get_waiter("table_exists").wait(TableName="scan")
            odd = ddb.query(TableName="scan", IndexName="by-g", KeyConditionExpression="g = :g AND n >= :n", ExpressionAttributeValues={":g": {"S": "odd"}, ":n": {"N": "31"}})
            ddb.update_table(TableName="scan", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}])
            after = ddb.describe_table(TableName="scan")["Table"]
            bad = None
            try:
                ddb.scan(TableName="scan", Segment=4, TotalSegments=4)
            except botocore.exceptions.ClientError as e:
                bad = e.response["Error"]["Message"]
            print(json.dumps({"seen": sorted(seen), "status": status, "odd": [i["n"]["N"] for i in odd["Items"]], "indexes": "GlobalSecondaryIndexes" in after,
                "count": after["ItemCount"], "bad": bad}))
            """);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"i{i:00}").ToArray(), Strings(result, "seen"));
        Assert.Equal("CREATING", result.GetProperty("status").GetString());
        Assert.Equal(["31", "33", "35", "37", "39"], Strings(result, "odd"));
        Assert.False(result.GetProperty("indexes").GetBoolean());
        Assert.Equal(40, result.GetProperty("count").GetInt32());
        Assert.Equal("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4", result.GetProperty("bad").GetString());
    }

    private static string[] Strings(System.Text.Json.JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
