using System.Text.Json;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// On-failure destinations: records discarded after their retries are described in an S3 object with AWS's key layout
/// and invocation record (DDBStreamBatchInfo, plus the batch itself for S3); a missing bucket does not stop the shard.
/// </summary>
public sealed partial class StreamMappingDeliveryTests
{
    [Fact]
    public async Task RetriesExhausted_WritesTheInvocationRecordToTheS3Bucket()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            s3 = client("s3")
            bucket = "esm-failures-" + os.urandom(4).hex()
            s3.create_bucket(Bucket=bucket)
            table, stream = make_table()
            fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            put(table, "p0", poison=True); put(table, "p1")
            m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON", MaximumRetryAttempts=1,
                                                DestinationConfig={"OnFailure": {"Destination": "arn:aws:s3:::" + bucket}})
            prefix = "aws/lambda/%s/" % m["UUID"]
            end = time.time() + 120
            keys = []
            while not keys and time.time() < end:
                keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])]
                time.sleep(0.5)
            body = json.loads(s3.get_object(Bucket=bucket, Key=keys[0])["Body"].read()) if keys else None
            put(table, "p2")
            after = delivered_keys(wait_batches(fn, lambda g: "p2" in delivered_keys(g)))

            # A bucket that does not exist: the record cannot be delivered, and the shard still moves on.
            table2, stream2 = make_table()
            fn2 = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            put(table2, "q0", poison=True)
            lam.create_event_source_mapping(EventSourceArn=stream2, FunctionName=fn2, StartingPosition="TRIM_HORIZON", MaximumRetryAttempts=0,
                                            DestinationConfig={"OnFailure": {"Destination": "arn:aws:s3:::no-such-bucket-" + os.urandom(4).hex()}})
            wait_batches(fn2, lambda g: len(g) >= 1)
            put(table2, "q1")
            after2 = delivered_keys(wait_batches(fn2, lambda g: "q1" in delivered_keys(g)))

            streams = client("dynamodbstreams")
            desc = streams.describe_stream(StreamArn=stream)["StreamDescription"]
            it = streams.get_shard_iterator(StreamArn=stream, ShardId=desc["Shards"][0]["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            seqs = [r["dynamodb"]["SequenceNumber"] for r in streams.get_records(ShardIterator=it)["Records"]]
            print(json.dumps({"keys": keys, "body": body, "uuid": m["UUID"], "stream": stream, "fn": fn, "shard": desc["Shards"][0]["ShardId"],
                              "seqs": seqs, "after": after, "after2": after2}))
            """, TimeSpan.FromMinutes(4));

        var keys = result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        var shard = result.GetProperty("shard").GetString()!;
        Assert.Single(keys);
        Assert.Matches(@"^aws/lambda/" + result.GetProperty("uuid").GetString() + "/" + shard
            + @"/(\d{4})/(\d{2})/(\d{2})/\1-\2-\3T\d{2}\.\d{2}\.\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", keys[0]);

        var body = result.GetProperty("body");
        Assert.Equal(["requestContext", "responseContext", "version", "timestamp", "DDBStreamBatchInfo", "payload"], body.EnumerateObject().Select(p => p.Name).ToArray());
        var request = body.GetProperty("requestContext");
        Assert.Equal("RetryAttemptsExhausted", request.GetProperty("condition").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:" + result.GetProperty("fn").GetString(), request.GetProperty("functionArn").GetString());
        Assert.Equal(2, request.GetProperty("approximateInvokeCount").GetInt32());
        Assert.True(Guid.TryParse(request.GetProperty("requestId").GetString(), out _));
        var response = body.GetProperty("responseContext");
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("$LATEST", response.GetProperty("executedVersion").GetString());
        Assert.Equal("Unhandled", response.GetProperty("functionError").GetString());
        Assert.Equal("1.0", body.GetProperty("version").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", body.GetProperty("timestamp").GetString());

        var info = body.GetProperty("DDBStreamBatchInfo");
        var seqs = result.GetProperty("seqs").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(shard, info.GetProperty("shardId").GetString());
        Assert.Equal(seqs[0], info.GetProperty("startSequenceNumber").GetString());
        Assert.Equal(seqs[1], info.GetProperty("endSequenceNumber").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", info.GetProperty("approximateArrivalOfFirstRecord").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", info.GetProperty("approximateArrivalOfLastRecord").GetString());
        Assert.Equal(2, info.GetProperty("batchSize").GetInt32());
        Assert.Equal(result.GetProperty("stream").GetString(), info.GetProperty("streamArn").GetString());

        // The S3 record also carries the discarded batch, as the event the function was given.
        using var payload = JsonDocument.Parse(body.GetProperty("payload").GetString()!);
        Assert.Equal(["p0", "p1"], payload.RootElement.GetProperty("Records").EnumerateArray()
            .Select(r => r.GetProperty("dynamodb").GetProperty("Keys").GetProperty("pk").GetProperty("S").GetString()!).ToArray());

        Assert.Equal(["p0", "p1", "p0", "p1", "p2"], result.GetProperty("after").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["q0", "q1"], result.GetProperty("after2").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
