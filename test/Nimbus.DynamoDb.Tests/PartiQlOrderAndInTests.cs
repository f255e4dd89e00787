using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// PartiQL SELECT with ORDER BY (ScanIndexForward, partition order, AWS's errors) and with <c>pk IN [...]</c> run as one
/// Query per partition key value, paged across values with Limit and NextToken; boto3 and the AWS SDK for .NET.
/// </summary>
public sealed class PartiQlOrderAndInTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string Setup = PartiQlTests.Setup + """
        def put(table, pk, sk, **more):
            item = {"pk": {"S": pk}, "sk": {"N": str(sk)}}
            for name, value in more.items():
                item[name] = {"N": str(value)} if isinstance(value, int) else {"S": value}
            ddb.put_item(TableName=table, Item=item)
        def keys(items):
            return [i["pk"]["S"] + i["sk"]["N"] for i in items]
        def select(statement, *params):
            return keys(run(statement, *params)["Items"])
        def pages(statement, limit, *params):
            out, token = [], None
            while len(out) < 20:
                kw = {"Limit": limit}
                if token:
                    kw["NextToken"] = token
                page = run(statement, *params, **kw)
                out.append(keys(page["Items"]))
                token = page.get("NextToken")
                if not token:
                    break
            return out

        """;

    [Fact]
    public async Task OrderBy_SortKeyAscAndDesc_AndDescPagesWithLimitAndNextToken()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("ordered")
            for sk in [4, 1, 7, 3, 6, 2, 5]:
                put("ordered", "a", sk, v=sk * 10)
            put("ordered", "b", 1, v=10)
            first = run("SELECT pk, sk FROM ordered WHERE pk = 'a' ORDER BY sk DESC", Limit=3)
            print(json.dumps({
                "plain": select("SELECT * FROM ordered WHERE pk = 'a' ORDER BY sk"),
                "asc": select("SELECT pk, sk FROM \"ordered\" WHERE pk = ? ORDER BY \"sk\" ASC", {"S": "a"}),
                "desc": select("SELECT pk, sk FROM ordered WHERE pk = 'a' ORDER BY sk DESC"),
                "descRange": select("SELECT pk, sk FROM ordered WHERE pk = 'a' AND sk BETWEEN 2 AND 5 ORDER BY sk DESC"),
                "descFilter": select("SELECT pk, sk FROM ordered WHERE pk = 'a' AND v >= 30 AND v <> 60 ORDER BY sk desc"),
                "hashThenRange": select("SELECT pk, sk FROM ordered WHERE pk = 'a' ORDER BY pk ASC, sk DESC"),
                "hashOnly": select("SELECT pk, sk FROM ordered WHERE pk = 'a' ORDER BY pk DESC"),
                "descPages": pages("SELECT pk, sk FROM ordered WHERE pk = 'a' ORDER BY sk DESC", 3),
                "descFilteredPages": pages("SELECT pk, sk FROM ordered WHERE pk = 'a' AND v <> 50 ORDER BY sk DESC", 2),
                "firstLastKey": first.get("LastEvaluatedKey")}))
            """);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6", "a7"], Strings(result, "plain"));
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6", "a7"], Strings(result, "asc"));
        Assert.Equal(["a7", "a6", "a5", "a4", "a3", "a2", "a1"], Strings(result, "desc"));
        Assert.Equal(["a5", "a4", "a3", "a2"], Strings(result, "descRange"));
        Assert.Equal(["a7", "a5", "a4", "a3"], Strings(result, "descFilter"));
        Assert.Equal(["a7", "a6", "a5", "a4", "a3", "a2", "a1"], Strings(result, "hashThenRange"));
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6", "a7"], Strings(result, "hashOnly"));
        Assert.Equal([["a7", "a6", "a5"], ["a4", "a3", "a2"], ["a1"]], Pages(result, "descPages"));
        // Limit counts items read, as Query does: a5 is read (and filtered out) within the second page.
        Assert.Equal([["a7", "a6"], ["a4"], ["a3", "a2"], ["a1"]], Pages(result, "descFilteredPages"));
        var lastKey = result.GetProperty("firstLastKey");
        Assert.Equal("a", lastKey.GetProperty("pk").GetProperty("S").GetString());
        Assert.Equal("5", lastKey.GetProperty("sk").GetProperty("N").GetString());
    }

    [Fact]
    public async Task OrderBy_OnGlobalAndLocalIndexes()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("indexed",
                attributes=[{"AttributeName": "team", "AttributeType": "S"}, {"AttributeName": "score", "AttributeType": "N"}, {"AttributeName": "rank", "AttributeType": "N"}],
                GlobalSecondaryIndexes=[{"IndexName": "byScore", "Projection": {"ProjectionType": "ALL"},
                    "KeySchema": [{"AttributeName": "team", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}]}],
                LocalSecondaryIndexes=[{"IndexName": "byRank", "Projection": {"ProjectionType": "KEYS_ONLY"},
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "rank", "KeyType": "RANGE"}]}])
            put("indexed", "p", 1, team="red", score=5, rank=30)
            put("indexed", "p", 2, team="red", score=1, rank=10)
            put("indexed", "q", 1, team="red", score=3, rank=20)
            put("indexed", "q", 2, team="blue", score=2, rank=40)
            put("indexed", "p", 3, team="blue", score=9, rank=20)
            print(json.dumps({
                "gsiDesc": select("SELECT pk, sk FROM \"indexed\".\"byScore\" WHERE team = 'red' ORDER BY score DESC"),
                "gsiAsc": select("SELECT pk, sk FROM \"indexed\".\"byScore\" WHERE team = 'red' AND score > 1 ORDER BY team, score"),
                "gsiIn": select("SELECT pk, sk FROM \"indexed\".\"byScore\" WHERE team IN ['red', 'blue'] ORDER BY team DESC, score DESC"),
                "gsiPages": pages("SELECT pk, sk FROM \"indexed\".\"byScore\" WHERE team = 'red' ORDER BY score DESC", 2),
                "lsiDesc": select("SELECT pk, sk FROM \"indexed\".\"byRank\" WHERE pk = 'p' ORDER BY rank DESC"),
                "gsiTableKey": err(lambda: run("SELECT * FROM \"indexed\".\"byScore\" WHERE team = 'red' ORDER BY sk")),
                "gsiTableHash": err(lambda: run("SELECT * FROM \"indexed\".\"byScore\" WHERE pk = 'p' ORDER BY score"))}))
            """);
        Assert.Equal(["p1", "q1", "p2"], Strings(result, "gsiDesc"));
        Assert.Equal(["q1", "p1"], Strings(result, "gsiAsc"));
        Assert.Equal(["p1", "q1", "p2", "p3", "q2"], Strings(result, "gsiIn"));
        Assert.Equal([["p1", "q1"], ["p2"]], Pages(result, "gsiPages"));
        Assert.Equal(["p1", "p3", "p2"], Strings(result, "lsiDesc"));
        ExpectError(result, "gsiTableKey", "Attribute sk in ORDER BY clause must be part of the primary key");
        ExpectError(result, "gsiTableHash", "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
    }

    [Fact]
    public async Task OrderBy_ItCannotServe_GetsAwsValidationErrors()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("refused")
            put("refused", "a", 1, v=1)
            ddb.create_table(TableName="flat", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
            ddb.put_item(TableName="flat", Item={"id": {"S": "x"}, "sk": {"N": "1"}})
            batch = ddb.batch_execute_statement(Statements=[{"Statement": "SELECT * FROM refused WHERE pk = 'a' AND sk = 1 ORDER BY v"},
                {"Statement": "SELECT * FROM refused WHERE pk = 'a' AND sk = 1 ORDER BY sk DESC"}])["Responses"]
            print(json.dumps({
                "noWhere": err(lambda: run("SELECT * FROM refused ORDER BY sk")),
                "nonKey": err(lambda: run("SELECT * FROM refused WHERE pk = 'a' ORDER BY v DESC")),
                "scan": err(lambda: run("SELECT * FROM refused WHERE v = 1 ORDER BY sk")),
                "rangeOnHash": err(lambda: run("SELECT * FROM refused WHERE pk > 'a' ORDER BY pk")),
                "orOnHash": err(lambda: run("SELECT * FROM refused WHERE pk = 'a' OR v = 1 ORDER BY sk")),
                "noSortKey": err(lambda: run("SELECT * FROM flat WHERE id = 'x' ORDER BY sk")),
                "hashOnlyTable": [i["id"]["S"] for i in run("SELECT * FROM flat WHERE id = 'x' ORDER BY id DESC")["Items"]],
                "inWithoutHash": err(lambda: run("SELECT * FROM refused WHERE pk IN ['a', 'b'] ORDER BY sk DESC")),
                "syntax": err(lambda: run("SELECT * FROM refused WHERE pk = 'a' ORDER sk")),
                "path": err(lambda: run("SELECT * FROM refused WHERE pk = 'a' ORDER BY sk.inner")),
                "index": err(lambda: run("SELECT * FROM refused WHERE pk = 'a' ORDER BY sk[0] DESC")),
                "batch": [[r.get("Error", {}).get("Code"), r.get("Error", {}).get("Message"), r.get("Item", {}).get("v", {}).get("N")] for r in batch],
                "transaction": err(lambda: ddb.execute_transaction(TransactStatements=[{"Statement": "SELECT * FROM refused WHERE pk = 'a' AND sk = 1 ORDER BY v"}]))}))
            """);
        ExpectError(result, "noWhere", "Must have WHERE clause in the statement when using ORDER BY clause.");
        ExpectError(result, "nonKey", "Attribute v in ORDER BY clause must be part of the primary key");
        ExpectError(result, "scan", "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
        ExpectError(result, "rangeOnHash", "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
        ExpectError(result, "orOnHash", "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
        ExpectError(result, "noSortKey", "Attribute sk in ORDER BY clause must be part of the primary key");
        Assert.Equal(["x"], Strings(result, "hashOnlyTable"));
        ExpectError(result, "inWithoutHash", "Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.");
        Assert.StartsWith("Statement wasn't well formed, can't be processed: Unexpected token 'sk'", result.GetProperty("syntax").GetProperty("message").GetString());
        ExpectError(result, "path", "Argument to ORDER BY must be of type VariableReference");
        ExpectError(result, "index", "Argument to ORDER BY must be of type VariableReference");
        var batch = result.GetProperty("batch");
        Assert.Equal("ValidationError", batch[0][0].GetString());
        Assert.Equal("Attribute v in ORDER BY clause must be part of the primary key", batch[0][1].GetString());
        Assert.Equal("1", batch[1][2].GetString());
        ExpectError(result, "transaction", "Attribute v in ORDER BY clause must be part of the primary key");
    }

    [Fact]
    public async Task In_OnPartitionKey_QueriesEachValueInTurn_AndPagesAcrossValues()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("multi")
            for pk, count in [("c", 3), ("a", 2), ("b", 3), ("z", 2)]:
                for sk in range(1, count + 1):
                    put("multi", pk, sk, v=sk * 10)
            page1 = run("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b']", Limit=2)
            page2 = run("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b']", Limit=2, NextToken=page1["NextToken"])
            print(json.dumps({
                "listOrder": select("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b']"),
                "parameters": select("SELECT pk, sk FROM multi WHERE pk IN (?, ?) AND sk >= 2", {"S": "b"}, {"S": "c"}),
                "filtered": select("SELECT pk, sk FROM multi WHERE v <> 20 AND pk IN ['c', 'a', 'b', 'nobody', 'c']"),
                "orderedAsc": select("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b'] ORDER BY pk"),
                "orderedDesc": select("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b'] ORDER BY pk DESC, sk DESC"),
                "hashAscRangeDesc": select("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b'] AND sk < 3 ORDER BY pk, sk DESC"),
                "pages": pages("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b']", 2),
                "descPages": pages("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b'] ORDER BY pk DESC, sk DESC", 3),
                "filteredPages": pages("SELECT pk, sk FROM multi WHERE pk IN ['c', 'a', 'b'] AND v <> 30", 3),
                "page2LastKey": page2["LastEvaluatedKey"],
                "foreignToken": err(lambda: run("SELECT pk, sk FROM multi WHERE pk IN ['a', 'b']", NextToken=page1["NextToken"])),
                "capacity": run("SELECT * FROM multi WHERE pk IN ['c', 'a', 'b']", ReturnConsumedCapacity="TOTAL")["ConsumedCapacity"]["CapacityUnits"]}))
            """);
        Assert.Equal(["c1", "c2", "c3", "a1", "a2", "b1", "b2", "b3"], Strings(result, "listOrder"));
        Assert.Equal(["b2", "b3", "c2", "c3"], Strings(result, "parameters"));
        Assert.Equal(["c1", "c3", "a1", "b1", "b3"], Strings(result, "filtered"));
        Assert.Equal(["a1", "a2", "b1", "b2", "b3", "c1", "c2", "c3"], Strings(result, "orderedAsc"));
        Assert.Equal(["c3", "c2", "c1", "b3", "b2", "b1", "a2", "a1"], Strings(result, "orderedDesc"));
        Assert.Equal(["a2", "a1", "b2", "b1", "c2", "c1"], Strings(result, "hashAscRangeDesc"));
        // Limit carries over from one value's Query to the next; a page that ends exactly at Limit still has a NextToken.
        Assert.Equal([["c1", "c2"], ["c3", "a1"], ["a2", "b1"], ["b2", "b3"], []], Pages(result, "pages"));
        Assert.Equal([["c3", "c2", "c1"], ["b3", "b2", "b1"], ["a2", "a1"]], Pages(result, "descPages"));
        Assert.Equal([["c1", "c2"], ["a1", "a2", "b1"], ["b2"]], Pages(result, "filteredPages"));
        var lastKey = result.GetProperty("page2LastKey");
        Assert.Equal("a", lastKey.GetProperty("pk").GetProperty("S").GetString());
        Assert.Equal("1", lastKey.GetProperty("sk").GetProperty("N").GetString());
        ExpectError(result, "foreignToken", "NextToken does not match request");
        // Three Queries, each charged at least half a unit (eventually consistent): a Scan would be one read of all 10 items.
        Assert.Equal(1.5, result.GetProperty("capacity").GetDouble());
    }

    [Fact]
    public async Task OrOfPartitionKeyEqualities_QueriesEachValue_AsIn()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("either")
            for pk, count in [("c", 3), ("a", 2), ("b", 3)]:
                for sk in range(1, count + 1):
                    put("either", pk, sk, v=sk * 10)
            capacity = lambda s: run(s, ReturnConsumedCapacity="TOTAL")["ConsumedCapacity"]["CapacityUnits"]
            print(json.dumps({
                "or": select("SELECT pk, sk FROM either WHERE pk = 'c' OR pk = 'a'"),
                "orWithIn": select("SELECT pk, sk FROM either WHERE pk = 'b' OR pk IN ['c', 'a']"),
                "parenthesised": select("SELECT pk, sk FROM either WHERE (pk = ? OR pk = ?) AND sk >= 2", {"S": "b"}, {"S": "c"}),
                "orderedDesc": select("SELECT pk, sk FROM either WHERE pk = 'a' OR pk = 'c' ORDER BY pk DESC, sk DESC"),
                "pages": pages("SELECT pk, sk FROM either WHERE pk = 'c' OR pk = 'a'", 2),
                "mixed": select("SELECT pk, sk FROM either WHERE pk = 'a' OR v = 30"),
                "mixedOrder": err(lambda: run("SELECT pk, sk FROM either WHERE pk = 'a' OR v = 30 ORDER BY pk")),
                "orCapacity": capacity("SELECT * FROM either WHERE pk = 'c' OR pk = 'a'"),
                "mixedCapacity": capacity("SELECT * FROM either WHERE pk = 'a' OR v = 30")}))
            """);
        Assert.Equal(["c1", "c2", "c3", "a1", "a2"], Strings(result, "or"));
        Assert.Equal(["b1", "b2", "b3", "c1", "c2", "c3", "a1", "a2"], Strings(result, "orWithIn"));
        Assert.Equal(["b2", "b3", "c2", "c3"], Strings(result, "parenthesised"));
        Assert.Equal(["c3", "c2", "c1", "a2", "a1"], Strings(result, "orderedDesc"));
        Assert.Equal([["c1", "c2"], ["c3", "a1"], ["a2"]], Pages(result, "pages"));
        // An OR that also tests another attribute is a Scan filtered by it (in key order), and ORDER BY cannot serve it.
        Assert.Equal(["a1", "a2", "b3", "c3"], Strings(result, "mixed"));
        ExpectError(result, "mixedOrder", "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
        // Two Queries, each at least half a unit (eventually consistent); the Scan reads all 8 items as one.
        Assert.Equal(1.0, result.GetProperty("orCapacity").GetDouble());
        Assert.Equal(0.5, result.GetProperty("mixedCapacity").GetDouble());
    }

    [Fact]
    public async Task In_OnPartitionKey_StopsAtOneMegabyteAcrossValues()
    {
        // 3 partitions of 3 items of ~300 KB: the 1 MB page is shared by the Queries, so a page stops in the partition
        // where the total read crosses 1 MB (a Query that got a fresh 1 MB each would return all 9 items at once).
        var result = await server.Boto3.RunAsync(Setup + """
            create("heavy")
            for pk in ["p1", "p2", "p3"]:
                for sk in [1, 2, 3]:
                    put("heavy", pk, sk, blob="x" * 300000)
            print(json.dumps({"pages": pages("SELECT pk, sk FROM heavy WHERE pk IN ['p1', 'p2', 'p3']", 100)}))
            """);
        Assert.Equal([["p11", "p12", "p13", "p21"], ["p22", "p23", "p31", "p32"], ["p33"]], Pages(result, "pages"));
    }

    [Fact]
    public async Task In_OverFiftyPartitionValues_IsRejected()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("wide")
            for i in range(0, 51, 10):
                put("wide", f"k{i}", 1)
            fifty = ", ".join(f"'k{i}'" for i in range(50))
            fiftyOne = ", ".join(f"'k{i}'" for i in range(51))
            print(json.dumps({
                "fifty": select(f"SELECT pk, sk FROM wide WHERE pk IN [{fifty}]"),
                "fiftyOne": err(lambda: run(f"SELECT pk, sk FROM wide WHERE pk IN [{fiftyOne}]")),
                "fiftyOneParameters": err(lambda: run("SELECT pk, sk FROM wide WHERE pk IN [" + ", ".join("?" * 51) + "]",
                    *[{"S": f"k{i}"} for i in range(51)])),
                "fiftyOneOnOther": select(f"SELECT pk, sk FROM wide WHERE pk = 'k10' AND sk IN [{', '.join(str(i) for i in range(51))}]"),
                "wrongType": err(lambda: run("SELECT pk, sk FROM wide WHERE pk IN ['k0', 5]"))}))
            """);
        Assert.Equal(["k01", "k101", "k201", "k301", "k401"], Strings(result, "fifty"));
        ExpectError(result, "fiftyOne", "Too many decomposed read operations for a given query.");
        ExpectError(result, "fiftyOneParameters", "Too many decomposed read operations for a given query.");
        Assert.Equal(["k101"], Strings(result, "fiftyOneOnOther"));
        Assert.Equal("ValidationException", result.GetProperty("wrongType").GetProperty("code").GetString());
    }

    [Fact]
    public async Task DotNetSdk_PagesDescendingAndAcrossInValues()
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = server.EndpointUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "sdk-ordered",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S), new AttributeDefinition("At", ScalarAttributeType.N)],
            KeySchema = [new KeySchemaElement("Id", KeyType.HASH), new KeySchemaElement("At", KeyType.RANGE)],
        });
        foreach (var (id, at) in new[] { ("x", 1), ("x", 2), ("x", 3), ("y", 1), ("y", 2) })
        {
            await client.PutItemAsync("sdk-ordered", new Dictionary<string, AttributeValue> { ["Id"] = new() { S = id }, ["At"] = new() { N = at.ToString() } });
        }
        async Task<List<string>> AllAsync(string statement, List<AttributeValue>? parameters = null)
        {
            var seen = new List<string>();
            string? token = null;
            do
            {
                var page = await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = statement, Parameters = parameters, Limit = 2, NextToken = token });
                seen.Add(string.Join(",", page.Items.Select(i => i["Id"].S + i["At"].N)));
                token = page.NextToken;
            }
            while (token is not null && seen.Count < 10);
            return seen;
        }
        Assert.Equal(["x3,x2", "x1"], await AllAsync("SELECT * FROM \"sdk-ordered\" WHERE Id = 'x' ORDER BY At DESC"));
        Assert.Equal(["y2,y1", "x3,x2", "x1"],
            await AllAsync("SELECT * FROM \"sdk-ordered\" WHERE Id IN [?, ?] ORDER BY Id DESC, At DESC", [new() { S = "x" }, new() { S = "y" }]));
        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => client.ExecuteStatementAsync(
            new ExecuteStatementRequest { Statement = "SELECT * FROM \"sdk-ordered\" WHERE Id = 'x' ORDER BY Missing" }));
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("Attribute Missing in ORDER BY clause must be part of the primary key", error.Message);
    }

    private static string[] Strings(JsonElement result, string name) => result.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string[][] Pages(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray().Select(p => p.EnumerateArray().Select(e => e.GetString()!).ToArray()).ToArray();

    private static void ExpectError(JsonElement result, string name, string message)
    {
        var error = result.GetProperty(name);
        Assert.True(error.ValueKind == JsonValueKind.Object, $"{name} did not fail");
        Assert.Equal("ValidationException", error.GetProperty("code").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }
}
