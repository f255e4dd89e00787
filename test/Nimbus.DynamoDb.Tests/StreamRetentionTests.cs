namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// DynamoDB Streams' 24-hour retention on a moved clock: the expiry sweep trims older records; a sequence number or an
/// iterator that points at trimmed records gets <c>TrimmedDataAccessException</c>, and TRIM_HORIZON starts after them.
/// </summary>
public sealed class StreamRetentionTests(FakeClockServerFixture server) : IClassFixture<FakeClockServerFixture>
{
    private const string Helpers = DynamoScripts.Client + """
        streams = client("dynamodbstreams")
        arn = ddb.describe_table(TableName="kept")["Table"]["LatestStreamArn"]
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        def iterator(kind, seq=None):
            return streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType=kind, **({"SequenceNumber": seq} if seq else {}))["ShardIterator"]
        def keys(it):
            return [r["dynamodb"]["Keys"]["id"]["S"] for r in streams.get_records(ShardIterator=it)["Records"]]
        def seqs(it):
            return {r["dynamodb"]["Keys"]["id"]["S"]: r["dynamodb"]["SequenceNumber"] for r in streams.get_records(ShardIterator=it)["Records"]}
        def put(key):
            ddb.put_item(TableName="kept", Item={"id": {"S": key}})

        """;

    [Fact]
    public async Task RecordsOlderThan24Hours_AreTrimmed_AndReadingThemIsTrimmedDataAccess()
    {
        await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            ddb.create_table(TableName="kept", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
            ddb.put_item(TableName="kept", Item={"id": {"S": "old-1"}})
            ddb.put_item(TableName="kept", Item={"id": {"S": "old-2"}})
            print("{}")
            """);
        await server.AdvanceAndSweepAsync(TimeSpan.FromHours(12));
        await server.Boto3.RunAsync(Helpers + """
            put("young")
            print("{}")
            """);

        // Two minutes before the old records turn 24 hours old: everything is there; take iterators that point at them.
        await server.AdvanceAndSweepAsync(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(2));
        var before = await server.Boto3.RunAsync(Helpers + """
            horizon = iterator("TRIM_HORIZON")
            numbers = seqs(horizon)
            print(json.dumps({"keys": keys(horizon), "seqs": numbers, "horizon": horizon, "afterOld1": iterator("AFTER_SEQUENCE_NUMBER", numbers["old-1"])}))
            """);
        Assert.Equal(["old-1", "old-2", "young"], Strings(before.GetProperty("keys")));

        // Four minutes later (24 h 2 min after the old writes, 12 h 2 min after the young one) the sweep has trimmed the old ones.
        await server.AdvanceAndSweepAsync(TimeSpan.FromMinutes(4));
        var seqs = before.GetProperty("seqs");
        var after = await server.Boto3.RunAsync(Helpers + $$"""
            print(json.dumps({
                "staleHorizon": err(lambda: keys({{Py(before.GetProperty("horizon"))}})),
                "staleAfter": err(lambda: keys({{Py(before.GetProperty("afterOld1"))}})),
                "atOld1": err(lambda: iterator("AT_SEQUENCE_NUMBER", {{Py(seqs.GetProperty("old-1"))}})),
                "afterOld2": err(lambda: iterator("AFTER_SEQUENCE_NUMBER", {{Py(seqs.GetProperty("old-2"))}})),
                "atYoung": keys(iterator("AT_SEQUENCE_NUMBER", {{Py(seqs.GetProperty("young"))}})),
                "horizon": keys(iterator("TRIM_HORIZON")),
                "start": streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["SequenceNumberRange"]["StartingSequenceNumber"]}))
            """);
        var trimmed = ("TrimmedDataAccessException", 400, "The operation attempted to read past the oldest stream record in a shard.");
        Assert.Equal(trimmed, DynamoScripts.Error(after.GetProperty("staleHorizon")));
        Assert.Equal(trimmed, DynamoScripts.Error(after.GetProperty("staleAfter")));
        Assert.Equal(trimmed, DynamoScripts.Error(after.GetProperty("atOld1")));
        Assert.Equal(trimmed, DynamoScripts.Error(after.GetProperty("afterOld2")));
        Assert.Equal(["young"], Strings(after.GetProperty("atYoung")));
        Assert.Equal(["young"], Strings(after.GetProperty("horizon")));
        Assert.Equal(seqs.GetProperty("young").GetString(), after.GetProperty("start").GetString());
    }

    /// <summary>A JSON string is a Python string literal.</summary>
    private static string Py(System.Text.Json.JsonElement text) => System.Text.Json.JsonSerializer.Serialize(text.GetString());

    private static string[] Strings(System.Text.Json.JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
