namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// Acknowledged writes survive <c>kill -9</c> of the server, indexes and stream records included — whether writes are
/// answered after their fsync (the default) or once they are in the WAL (<c>--dynamodb-durability process</c>).
/// </summary>
public sealed class CrashDurabilityTests
{
    [Theory]
    [InlineData("fsync")]
    [InlineData("process")]
    public async Task AcknowledgedWrites_SurviveKill9(string durability)
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-ddb-crash-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var server = await OutOfProcessServer.StartAsync(data, arguments: ["--dynamodb-durability", durability]))
            {
                using (var http = new HttpClient())
                {
                    using var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(server.EndpointUrl + "/_nimbus/health"));
                    Assert.Equal(durability, health.RootElement.GetProperty("dynamodbDurability").GetString());
                }
                await server.Boto3.RunAsync("""
                    ddb = client("dynamodb")
                    ddb.create_table(TableName="durable", BillingMode="PAY_PER_REQUEST",
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
                        GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
                    for i in range(50):
                        ddb.put_item(TableName="durable", Item={"id": {"S": str(i)}, "g": {"S": "all"}})
                    ddb.update_item(TableName="durable", Key={"id": {"S": "7"}}, UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "7"}})
                    print("{}")
                    """);
                await server.KillAsync();
            }
            await using (var server = await OutOfProcessServer.StartAsync(data))
            {
                var result = await server.Boto3.RunAsync("""
                    ddb = client("dynamodb")
                    streams = client("dynamodbstreams")
                    arn = ddb.describe_table(TableName="durable")["Table"]["LatestStreamArn"]
                    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
                    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                    print(json.dumps({"v": ddb.get_item(TableName="durable", Key={"id": {"S": "7"}})["Item"]["v"]["N"],
                        "index": ddb.query(TableName="durable", IndexName="by-g", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "all"}}, Select="COUNT")["Count"],
                        "records": len(streams.get_records(ShardIterator=it)["Records"])}))
                    """);
                Assert.Equal("7", result.GetProperty("v").GetString());
                Assert.Equal(50, result.GetProperty("index").GetInt32());
                Assert.Equal(51, result.GetProperty("records").GetInt32());
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
