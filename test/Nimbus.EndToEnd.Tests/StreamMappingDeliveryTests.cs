using System.Text.Json;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Issue 5's end-to-end check: functions subscribed to a table's stream receive every INSERT, MODIFY and REMOVE in
/// write order, with the images the stream's view type promises, in the event AWS sends; plus batching, retries,
/// bisecting, partial batch responses, filters and disabling.
/// </summary>
public sealed partial class StreamMappingDeliveryTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task PythonFunction_ReceivesInsertModifyRemoveInOrder_WithNewAndOldImages()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table("NEW_AND_OLD_IMAGES")
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="LATEST")
            wait_state(m["UUID"], "Enabled")
            put(table, "a", v=1)
            ddb.update_item(TableName=table, Key={"pk": {"S": "a"}}, UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "2"}})
            put(table, "b", v=3)
            ddb.delete_item(TableName=table, Key={"pk": {"S": "a"}})
            got = wait_batches(fn, lambda g: len(delivered_keys(g)) >= 4)
            ddb_streams = client("dynamodbstreams")
            shard = ddb_streams.describe_stream(StreamArn=stream)["StreamDescription"]["Shards"][0]["ShardId"]
            it = ddb_streams.get_shard_iterator(StreamArn=stream, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            direct = ddb_streams.get_records(ShardIterator=it)["Records"]
            result = lam.get_event_source_mapping(UUID=m["UUID"])["LastProcessingResult"]
            print(json.dumps({"records": [r for b in got for r in b["Records"]], "stream": stream, "direct": direct, "result": result}, default=str))
            """);

        var records = result.GetProperty("records").EnumerateArray().ToList();
        var stream = result.GetProperty("stream").GetString();
        Assert.Equal(["INSERT", "MODIFY", "INSERT", "REMOVE"], records.Select(r => r.GetProperty("eventName").GetString()!).ToArray());
        Assert.Equal(["a", "a", "b", "a"], records.Select(r => r.GetProperty("dynamodb").GetProperty("Keys").GetProperty("pk").GetProperty("S").GetString()!).ToArray());
        var sequence = records.Select(r => System.Numerics.BigInteger.Parse(r.GetProperty("dynamodb").GetProperty("SequenceNumber").GetString()!)).ToList();
        Assert.Equal(sequence.Order(), sequence);
        foreach (var record in records)
        {
            Assert.Equal(["eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN"],
                record.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal("aws:dynamodb", record.GetProperty("eventSource").GetString());
            Assert.Equal("1.1", record.GetProperty("eventVersion").GetString());
            Assert.Equal("us-east-1", record.GetProperty("awsRegion").GetString());
            Assert.Equal(stream, record.GetProperty("eventSourceARN").GetString());
            Assert.Equal("NEW_AND_OLD_IMAGES", record.GetProperty("dynamodb").GetProperty("StreamViewType").GetString());
        }
        Assert.Equal("1", records[0].GetProperty("dynamodb").GetProperty("NewImage").GetProperty("v").GetProperty("N").GetString());
        Assert.False(records[0].GetProperty("dynamodb").TryGetProperty("OldImage", out _));
        Assert.Equal("1", records[1].GetProperty("dynamodb").GetProperty("OldImage").GetProperty("v").GetProperty("N").GetString());
        Assert.Equal("2", records[1].GetProperty("dynamodb").GetProperty("NewImage").GetProperty("v").GetProperty("N").GetString());
        Assert.Equal("2", records[3].GetProperty("dynamodb").GetProperty("OldImage").GetProperty("v").GetProperty("N").GetString());
        Assert.False(records[3].GetProperty("dynamodb").TryGetProperty("NewImage", out _));
        // The Lambda record is the Streams API record plus eventSourceARN.
        var direct = result.GetProperty("direct").EnumerateArray().ToList();
        Assert.Equal(direct.Select(r => r.GetProperty("eventID").GetString()), records.Select(r => r.GetProperty("eventID").GetString()));
        Assert.Equal("OK", result.GetProperty("result").GetString());
    }

    [Fact]
    public async Task NodeFunction_OnThreeStreams_GetsTheImagesOfEachViewType()
    {
        const string NodeRecorder = """
            exports.handler = async (event) => {
              console.log("ESM-BATCH " + JSON.stringify(event));
              return {};
            };
            """;
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            fn = make_function({"index.js": {{{Json(NodeRecorder)}}}}, runtime="nodejs20.x", handler="index.handler")
            views = {}
            for view in ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE"]:
                table, stream = make_table(view)
                m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON", BatchSize=1)
                wait_state(m["UUID"], "Enabled")
                views[stream] = view
                put(table, "k", v=1)
                ddb.update_item(TableName=table, Key={"pk": {"S": "k"}}, UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "2"}})
                ddb.delete_item(TableName=table, Key={"pk": {"S": "k"}})
            got = wait_batches(fn, lambda g: len(delivered_keys(g)) >= 9)
            out = {}
            for b in got:
                assert len(b["Records"]) == 1
                r = b["Records"][0]
                d = r["dynamodb"]
                out.setdefault(views[r["eventSourceARN"]], []).append([r["eventName"], d.get("OldImage", {}).get("v", {}).get("N"), d.get("NewImage", {}).get("v", {}).get("N"), d["StreamViewType"]])
            print(json.dumps(out))
            """);

        Assert.Equal(Rows(["INSERT", null, null], ["MODIFY", null, null], ["REMOVE", null, null], "KEYS_ONLY"), Rows(result, "KEYS_ONLY"));
        Assert.Equal(Rows(["INSERT", null, "1"], ["MODIFY", null, "2"], ["REMOVE", null, null], "NEW_IMAGE"), Rows(result, "NEW_IMAGE"));
        Assert.Equal(Rows(["INSERT", null, null], ["MODIFY", "1", null], ["REMOVE", "2", null], "OLD_IMAGE"), Rows(result, "OLD_IMAGE"));
    }

    [Fact]
    public async Task Batching_RespectsBatchSizeAndWaitsOutTheWindow()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table()
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            for i in range(7):
                put(table, "k%d" % i)
            m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON", BatchSize=3)
            sized = [keys_of(b) for b in wait_batches(fn, lambda g: len(delivered_keys(g)) >= 7)]

            table2, stream2 = make_table()
            fn2 = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            m2 = lam.create_event_source_mapping(EventSourceArn=stream2, FunctionName=fn2, StartingPosition="LATEST", MaximumBatchingWindowInSeconds=6)
            wait_state(m2["UUID"], "Enabled")
            put(table2, "w1")
            time.sleep(1)
            put(table2, "w2")
            windowed = [keys_of(b) for b in wait_batches(fn2, lambda g: len(delivered_keys(g)) >= 2)]
            print(json.dumps({"sized": sized, "windowed": windowed}))
            """, TimeSpan.FromMinutes(4));

        Assert.Equal([["k0", "k1", "k2"], ["k3", "k4", "k5"], ["k6"]], Lists(result.GetProperty("sized")));
        Assert.Equal([["w1", "w2"]], Lists(result.GetProperty("windowed")));
    }

    [Fact]
    public async Task FunctionError_RetriesThenBisectsAndSkipsThePoisonRecord()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table()
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            put(table, "r0"); put(table, "r1"); put(table, "r2", poison=True); put(table, "r3")
            m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON", BatchSize=4,
                                                BisectBatchOnFunctionError=True, MaximumRetryAttempts=1)
            wait_batches(fn, lambda g: ["r3"] in [keys_of(b) for b in g])
            put(table, "r4")
            bisected = [keys_of(b) for b in wait_batches(fn, lambda g: "r4" in delivered_keys(g))]
            problem = lam.get_event_source_mapping(UUID=m["UUID"])["LastProcessingResult"]

            table2, stream2 = make_table()
            fn2 = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            put(table2, "p0", poison=True); put(table2, "p1")
            lam.create_event_source_mapping(EventSourceArn=stream2, FunctionName=fn2, StartingPosition="TRIM_HORIZON", MaximumRetryAttempts=2)
            wait_batches(fn2, lambda g: len(g) >= 3)
            put(table2, "p2")
            retried = [keys_of(b) for b in wait_batches(fn2, lambda g: "p2" in delivered_keys(g))]
            print(json.dumps({"bisected": bisected, "retried": retried, "problem": problem}))
            """, TimeSpan.FromMinutes(4));

        Assert.Equal([["r0", "r1", "r2", "r3"], ["r0", "r1"], ["r2", "r3"], ["r2"], ["r2"], ["r3"], ["r4"]], Lists(result.GetProperty("bisected")));
        Assert.Equal([["p0", "p1"], ["p0", "p1"], ["p0", "p1"], ["p2"]], Lists(result.GetProperty("retried")));
    }

    [Fact]
    public async Task ReportBatchItemFailures_RetriesFromTheFailedRecord()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table()
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            put(table, "a"); put(table, "b", poison=True, partial=True); put(table, "c")
            lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON", MaximumRetryAttempts=1,
                                            FunctionResponseTypes=["ReportBatchItemFailures"])
            wait_batches(fn, lambda g: len(g) >= 2)
            put(table, "d")
            got = [keys_of(b) for b in wait_batches(fn, lambda g: "d" in delivered_keys(g))]
            print(json.dumps({"got": got}))
            """, TimeSpan.FromMinutes(3));

        Assert.Equal([["a", "b", "c"], ["b", "c"], ["d"]], Lists(result.GetProperty("got")));
    }

    [Fact]
    public async Task FilterCriteria_OnlyMatchingRecordsReachTheFunction()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table()
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            pattern = {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"kind": {"S": ["keep"]} } } }
            m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="LATEST",
                                                FilterCriteria={"Filters": [{"Pattern": json.dumps(pattern)}, {"Pattern": json.dumps({"eventName": ["REMOVE"]})}]})
            wait_state(m["UUID"], "Enabled")
            put(table, "f1", kind="keep"); put(table, "f2", kind="drop"); put(table, "f3", kind="keep")
            ddb.update_item(TableName=table, Key={"pk": {"S": "f1"}}, UpdateExpression="SET n = :n", ExpressionAttributeValues={":n": {"N": "1"}})
            ddb.delete_item(TableName=table, Key={"pk": {"S": "f2"}})
            got = wait_batches(fn, lambda g: "f2" in delivered_keys(g))
            print(json.dumps({"got": [[r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]] for b in got for r in b["Records"]]}))
            """);

        Assert.Equal([["INSERT", "f1"], ["INSERT", "f3"], ["REMOVE", "f2"]], Lists(result.GetProperty("got")));
    }

    [Fact]
    public async Task DisabledMapping_StopsDelivering_AndResumesWhenEnabled()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table()
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="LATEST")
            wait_state(m["UUID"], "Enabled")
            put(table, "before")
            wait_batches(fn, lambda g: "before" in delivered_keys(g))
            lam.update_event_source_mapping(UUID=m["UUID"], Enabled=False)
            wait_state(m["UUID"], "Disabled")
            put(table, "while-disabled")
            # Give a poller that ignored the state ample time to deliver; a correct one never does.
            time.sleep(3)
            during = delivered_keys(batches(fn))
            lam.update_event_source_mapping(UUID=m["UUID"], Enabled=True)
            wait_state(m["UUID"], "Enabled")
            after = delivered_keys(wait_batches(fn, lambda g: "while-disabled" in delivered_keys(g)))
            lam.delete_event_source_mapping(UUID=m["UUID"])
            print(json.dumps({"during": during, "after": after}))
            """);

        Assert.Equal(["before"], Strings(result.GetProperty("during")));
        Assert.Equal(["before", "while-disabled"], Strings(result.GetProperty("after")));
    }

    private static string Json(string text) => JsonSerializer.Serialize(text);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string[][] Lists(JsonElement array) => array.EnumerateArray().Select(e => e.EnumerateArray().Select(x => x.GetString()!).ToArray()).ToArray();

    private static string?[][] Rows(JsonElement result, string view) =>
        result.GetProperty(view).EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? null : x.GetString()).ToArray()).ToArray();

    private static string?[][] Rows(string?[] insert, string?[] modify, string?[] remove, string view) =>
        [[.. insert, view], [.. modify, view], [.. remove, view]];
}
