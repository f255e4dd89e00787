using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Core.Streams;
using Nimbus.DynamoDb.Service;

namespace Nimbus.DynamoDb.Tests;

/// <summary>DynamoDB Streams through boto3 (dynamodbstreams client), TTL deletions and the Core seam.</summary>
public sealed class StreamsTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Stream_RecordsEveryChangeInOrderWithImages()
    {
        var result = await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            streams = client("dynamodbstreams")
            ddb.create_table(TableName="events", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
            arn = ddb.describe_table(TableName="events")["Table"]["LatestStreamArn"]
            ddb.put_item(TableName="events", Item={"id": {"S": "a"}, "v": {"N": "1"}})
            ddb.update_item(TableName="events", Key={"id": {"S": "a"}}, UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "2"}})
            ddb.update_item(TableName="events", Key={"id": {"S": "a"}}, UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "2"}})
            ddb.delete_item(TableName="events", Key={"id": {"S": "a"}})
            desc = streams.describe_stream(StreamArn=arn)["StreamDescription"]
            shard = desc["Shards"][0]["ShardId"]
            it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            page = streams.get_records(ShardIterator=it)
            recs = page["Records"]
            seqs = [r["dynamodb"]["SequenceNumber"] for r in recs]
            at = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER", SequenceNumber=seqs[1])["ShardIterator"]
            after = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=seqs[1])["ShardIterator"]
            latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
            ddb.put_item(TableName="events", Item={"id": {"S": "b"}})
            print(json.dumps({"names": [r["eventName"] for r in recs], "status": desc["StreamStatus"], "view": desc["StreamViewType"],
                "old": recs[1]["dynamodb"]["OldImage"]["v"]["N"], "new": recs[1]["dynamodb"]["NewImage"]["v"]["N"], "keys": recs[2]["dynamodb"]["Keys"]["id"]["S"],
                "ordered": seqs == sorted(seqs), "at": len(streams.get_records(ShardIterator=at)["Records"]), "after": len(streams.get_records(ShardIterator=after)["Records"]),
                "latest": [r["eventName"] for r in streams.get_records(ShardIterator=latest)["Records"]], "next": "NextShardIterator" in page,
                "listed": [s["StreamArn"] for s in streams.list_streams(TableName="events")["Streams"]] == [arn], "arn": arn}))
            """);
        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], result.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("ENABLED", result.GetProperty("status").GetString());
        Assert.Equal("1", result.GetProperty("old").GetString());
        Assert.Equal("2", result.GetProperty("new").GetString());
        Assert.Equal("a", result.GetProperty("keys").GetString());
        Assert.True(result.GetProperty("ordered").GetBoolean());
        Assert.Equal(3, result.GetProperty("at").GetInt32());
        Assert.Equal(2, result.GetProperty("after").GetInt32());
        Assert.Equal(["INSERT"], result.GetProperty("latest").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(result.GetProperty("next").GetBoolean());
        Assert.True(result.GetProperty("listed").GetBoolean());

        // The seam a Lambda event source mapping reads: the same records, in order.
        var source = server.Host.Services.GetRequiredService<ITableStreamSource>();
        var arn = result.GetProperty("arn").GetString()!;
        var records = source.Read(arn, null, 10);
        Assert.Equal(4, records.Count);
        Assert.Contains("\"eventName\":\"INSERT\"", records[0].Json);
        Assert.Equal(records[^1].SequenceNumber, source.LatestSequenceNumber(arn));
        Assert.Single(source.Read(arn, records[2].SequenceNumber, 10));
    }

    [Fact]
    public async Task UpdateTable_StreamOffAndOn_ClosesTheOldShardAndStartsANewStream()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            streams = client("dynamodbstreams")
            def stream(enabled, view=None):
                return lambda: ddb.update_table(TableName="toggle", StreamSpecification=dict(StreamEnabled=enabled, **({"StreamViewType": view} if view else {})))
            def read_all(arn):
                shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
                page = streams.get_records(ShardIterator=streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"])
                return {"keys": [r["dynamodb"]["Keys"]["id"]["S"] for r in page["Records"]], "seqs": [r["dynamodb"]["SequenceNumber"] for r in page["Records"]],
                    "next": "NextShardIterator" in page}
            ddb.create_table(TableName="toggle", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
            first = ddb.describe_table(TableName="toggle")["Table"]["LatestStreamArn"]
            ddb.put_item(TableName="toggle", Item={"id": {"S": "before"}})
            enableTwice = err(stream(True, "KEYS_ONLY"))
            stream(False)()
            off = ddb.describe_table(TableName="toggle")["Table"]
            ddb.put_item(TableName="toggle", Item={"id": {"S": "while-off"}})
            disableTwice = err(stream(False))
            closed = streams.describe_stream(StreamArn=first)["StreamDescription"]
            oldRead = read_all(first)
            listedOff = [s["StreamArn"] for s in streams.list_streams(TableName="toggle")["Streams"]]
            stream(True, "NEW_IMAGE")()
            on = ddb.describe_table(TableName="toggle")["Table"]
            ddb.put_item(TableName="toggle", Item={"id": {"S": "after"}})
            second = on["LatestStreamArn"]
            opened = streams.describe_stream(StreamArn=second)["StreamDescription"]
            print(json.dumps({"first": first, "second": second, "enableTwice": enableTwice, "disableTwice": disableTwice,
                "offHasSpec": "StreamSpecification" in off, "offLatest": off.get("LatestStreamArn"), "onSpec": on.get("StreamSpecification"),
                "closedStatus": closed["StreamStatus"], "closedRange": closed["Shards"][0]["SequenceNumberRange"], "oldRead": oldRead, "listedOff": listedOff,
                "openedStatus": opened["StreamStatus"], "openedRange": opened["Shards"][0]["SequenceNumberRange"], "newRead": read_all(second)}))
            """));
        Assert.Equal(("ValidationException", 400, "Table already has an enabled stream: TableName: toggle"), DynamoScripts.Error(result.GetProperty("enableTwice")));
        Assert.Equal(("ValidationException", 400, "Table has no stream to disable: TableName: toggle"), DynamoScripts.Error(result.GetProperty("disableTwice")));
        var first = result.GetProperty("first").GetString();

        // Disabled: DescribeTable drops StreamSpecification but still names the (now disabled) latest stream, as AWS does.
        Assert.False(result.GetProperty("offHasSpec").GetBoolean());
        Assert.Equal(first, result.GetProperty("offLatest").GetString());
        Assert.Equal([first!], Strings(result.GetProperty("listedOff")));

        // The old stream stays readable, its one shard closed at its last record; the write made while disabled is nowhere.
        Assert.Equal("DISABLED", result.GetProperty("closedStatus").GetString());
        var oldRead = result.GetProperty("oldRead");
        Assert.Equal(["before"], Strings(oldRead.GetProperty("keys")));
        Assert.Equal(oldRead.GetProperty("seqs")[0].GetString(), result.GetProperty("closedRange").GetProperty("EndingSequenceNumber").GetString());
        Assert.False(oldRead.GetProperty("next").GetBoolean());

        // Enabled again: a new stream with the new view type, open, holding only what was written after it began.
        var second = result.GetProperty("second").GetString();
        Assert.NotEqual(first, second);
        Assert.True(result.GetProperty("onSpec").GetProperty("StreamEnabled").GetBoolean());
        Assert.Equal("NEW_IMAGE", result.GetProperty("onSpec").GetProperty("StreamViewType").GetString());
        Assert.Equal("ENABLED", result.GetProperty("openedStatus").GetString());
        Assert.False(result.GetProperty("openedRange").TryGetProperty("EndingSequenceNumber", out _));
        Assert.Equal(["after"], Strings(result.GetProperty("newRead").GetProperty("keys")));
        Assert.True(result.GetProperty("newRead").GetProperty("next").GetBoolean());
    }

    [Fact]
    public async Task TimeToLive_DeletesExpiredItemsAsTheServicePrincipal()
    {
        var result = await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            ddb.create_table(TableName="ttl", BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
            ddb.update_time_to_live(TableName="ttl", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
            now = int(time.time())
            ddb.put_item(TableName="ttl", Item={"id": {"S": "old"}, "expires": {"N": str(now - 60)}})
            ddb.put_item(TableName="ttl", Item={"id": {"S": "future"}, "expires": {"N": str(now + 3600)}})
            ddb.put_item(TableName="ttl", Item={"id": {"S": "ancient"}, "expires": {"N": "1"}})
            ddb.put_item(TableName="ttl", Item={"id": {"S": "none"}})
            again = None
            try:
                ddb.update_time_to_live(TableName="ttl", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
            except botocore.exceptions.ClientError as e:
                again = e.response["Error"]["Message"]
            print(json.dumps({"ttl": ddb.describe_time_to_live(TableName="ttl")["TimeToLiveDescription"], "again": again,
                "arn": ddb.describe_table(TableName="ttl")["Table"]["LatestStreamArn"]}))
            """);
        Assert.Equal("ENABLED", result.GetProperty("ttl").GetProperty("TimeToLiveStatus").GetString());
        Assert.Equal("TimeToLive is already enabled", result.GetProperty("again").GetString());

        var deleted = await server.Host.Services.GetRequiredService<ExpirySweeper>().SweepAsync();
        Assert.Equal(1, deleted);

        var after = await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            print(json.dumps(sorted(i["id"]["S"] for i in ddb.scan(TableName="ttl")["Items"])))
            """);
        Assert.Equal(["ancient", "future", "none"], after.EnumerateArray().Select(e => e.GetString()!).ToArray());
        var records = server.Host.Services.GetRequiredService<ITableStreamSource>().Read(result.GetProperty("arn").GetString()!, null, 10);
        Assert.Contains("\"userIdentity\":{\"PrincipalId\":\"dynamodb.amazonaws.com\",\"Type\":\"Service\"}", records[^1].Json);
        Assert.Contains("\"eventName\":\"REMOVE\"", records[^1].Json);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
