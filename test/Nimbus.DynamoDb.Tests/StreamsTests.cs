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
}
