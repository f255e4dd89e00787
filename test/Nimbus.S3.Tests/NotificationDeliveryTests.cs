using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nimbus.S3.Tests;

/// <summary>
/// Object changes invoke the configured function asynchronously with S3's event record: one test per kind of change,
/// each checking the record as a Lambda handler receives it.
/// </summary>
public sealed partial class NotificationDeliveryTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task PutObject_InvokesTheFunction_WithAwsEventRecord_AfterTheTestEvent()
    {
        var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
            s3.create_bucket(Bucket="put-source")
            arn = recorder("put-fn", "put-records", source_bucket="put-source")
            s3.put_bucket_notification_configuration(Bucket="put-source", NotificationConfiguration={"LambdaFunctionConfigurations": [
                lambda_config(arn, ["s3:ObjectCreated:*"], id="on-create")]})
            test_event = records("put-records", 1)[0]
            put = s3.put_object(Bucket="put-source", Key="photos/my cat+dog (1).jpg", Body=b"0123456789")
            events = [e for e in records("put-records", 2) if "Records" in e]
            print(json.dumps({"test": test_event, "event": events[0], "etag": put["ETag"], "requestId": put["ResponseMetadata"]["RequestId"],
                              "hostId": put["ResponseMetadata"]["HostId"]}))
            """);
        var test = result.GetProperty("test");
        Assert.Equal("Amazon S3", test.GetProperty("Service").GetString());
        Assert.Equal("s3:TestEvent", test.GetProperty("Event").GetString());
        Assert.Equal("put-source", test.GetProperty("Bucket").GetString());
        Assert.Matches(TimestampRegex(), test.GetProperty("Time").GetString());

        var records = result.GetProperty("event").GetProperty("Records");
        Assert.Equal(1, records.GetArrayLength());
        var record = records[0];
        Assert.Equal(["eventVersion", "eventSource", "awsRegion", "eventTime", "eventName", "userIdentity", "requestParameters", "responseElements", "s3"],
            record.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2.1", record.GetProperty("eventVersion").GetString());
        Assert.Equal("aws:s3", record.GetProperty("eventSource").GetString());
        Assert.Equal("us-east-1", record.GetProperty("awsRegion").GetString());
        Assert.Matches(TimestampRegex(), record.GetProperty("eventTime").GetString());
        Assert.Equal("ObjectCreated:Put", record.GetProperty("eventName").GetString());
        Assert.StartsWith("AWS:", record.GetProperty("userIdentity").GetProperty("principalId").GetString());
        Assert.Equal("127.0.0.1", record.GetProperty("requestParameters").GetProperty("sourceIPAddress").GetString());
        Assert.Equal(result.GetProperty("requestId").GetString(), record.GetProperty("responseElements").GetProperty("x-amz-request-id").GetString());
        Assert.Equal(result.GetProperty("hostId").GetString(), record.GetProperty("responseElements").GetProperty("x-amz-id-2").GetString());
        var s3 = record.GetProperty("s3");
        Assert.Equal("1.0", s3.GetProperty("s3SchemaVersion").GetString());
        Assert.Equal("on-create", s3.GetProperty("configurationId").GetString());
        Assert.Equal("put-source", s3.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("arn:aws:s3:::put-source", s3.GetProperty("bucket").GetProperty("arn").GetString());
        Assert.False(string.IsNullOrEmpty(s3.GetProperty("bucket").GetProperty("ownerIdentity").GetProperty("principalId").GetString()));
        var obj = s3.GetProperty("object");
        // Form encoding, as S3 does: spaces become '+', a literal '+' becomes %2B, slashes stay.
        Assert.Equal("photos/my+cat%2Bdog+%281%29.jpg", obj.GetProperty("key").GetString());
        Assert.Equal(10, obj.GetProperty("size").GetInt64());
        Assert.Equal(result.GetProperty("etag").GetString()!.Trim('"'), obj.GetProperty("eTag").GetString());
        Assert.Matches("^[0-9A-F]{16}$", obj.GetProperty("sequencer").GetString());
    }

    [Fact]
    public async Task CopyMultipartAndDeletes_RaiseTheirEventNames_AndFiltersSelectKeys()
    {
        var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
            s3.create_bucket(Bucket="mix-source")
            arn = recorder("mix-fn", "mix-records", source_bucket="mix-source")
            s3.put_bucket_notification_configuration(Bucket="mix-source", NotificationConfiguration={"LambdaFunctionConfigurations": [
                lambda_config(arn, ["s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload"], prefix="in/", id="created"),
                lambda_config(arn, ["s3:ObjectRemoved:*"], suffix=".txt", id="removed")]})
            records("mix-records", 1)  # the test event
            s3.put_object(Bucket="mix-source", Key="in/original.txt", Body=b"x" * 100)        # Put: not configured
            s3.copy_object(Bucket="mix-source", Key="in/copy.txt", CopySource={"Bucket": "mix-source", "Key": "in/original.txt"})
            s3.copy_object(Bucket="mix-source", Key="out/copy.txt", CopySource={"Bucket": "mix-source", "Key": "in/original.txt"})  # prefix excludes
            upload = s3.create_multipart_upload(Bucket="mix-source", Key="in/multi.bin")
            part = s3.upload_part(Bucket="mix-source", Key="in/multi.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"y" * 1000)
            done = s3.complete_multipart_upload(Bucket="mix-source", Key="in/multi.bin", UploadId=upload["UploadId"],
                                                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
            s3.delete_object(Bucket="mix-source", Key="in/copy.txt")
            s3.delete_objects(Bucket="mix-source", Delete={"Objects": [{"Key": "in/original.txt"}, {"Key": "in/multi.bin"}]})  # .bin excluded
            events = [e["Records"][0] for e in records("mix-records", 5) if "Records" in e]
            events.sort(key=lambda r: r["s3"]["object"]["sequencer"])
            print(json.dumps({"events": [{"name": r["eventName"], "key": r["s3"]["object"]["key"], "config": r["s3"]["configurationId"],
                                          "size": r["s3"]["object"].get("size"), "etag": r["s3"]["object"].get("eTag")} for r in events],
                              "multipartEtag": done["ETag"].strip('"')}))
            """);
        var events = result.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("key").GetString(), e.GetProperty("config").GetString())).ToList();
        Assert.Equal(
        [
            ("ObjectCreated:Copy", "in/copy.txt", "created"),
            ("ObjectCreated:CompleteMultipartUpload", "in/multi.bin", "created"),
            ("ObjectRemoved:Delete", "in/copy.txt", "removed"),
            ("ObjectRemoved:Delete", "in/original.txt", "removed"),
        ], events);
        var multipart = result.GetProperty("events")[1];
        Assert.Equal(result.GetProperty("multipartEtag").GetString(), multipart.GetProperty("etag").GetString());
        Assert.Equal(1000, multipart.GetProperty("size").GetInt64());
        // Removal records carry neither size nor ETag.
        Assert.Equal(JsonValueKind.Null, result.GetProperty("events")[2].GetProperty("size").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("events")[2].GetProperty("etag").ValueKind);
    }

    [Fact]
    public async Task VersionedBucket_RecordsCarryVersionIds_AndAnUnversionedDeleteRaisesDeleteMarkerCreated()
    {
        var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
            s3.create_bucket(Bucket="ver-source")
            s3.put_bucket_versioning(Bucket="ver-source", VersioningConfiguration={"Status": "Enabled"})
            arn = recorder("ver-fn", "ver-records", source_bucket="ver-source")
            s3.put_bucket_notification_configuration(Bucket="ver-source", NotificationConfiguration={"LambdaFunctionConfigurations": [
                lambda_config(arn, ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"])]})
            records("ver-records", 1)  # the test event
            v1 = s3.put_object(Bucket="ver-source", Key="doc.txt", Body=b"one")["VersionId"]
            v2 = s3.put_object(Bucket="ver-source", Key="doc.txt", Body=b"two")["VersionId"]
            marker = s3.delete_object(Bucket="ver-source", Key="doc.txt")
            s3.delete_object(Bucket="ver-source", Key="doc.txt", VersionId=v1)                 # a noncurrent version, for good
            s3.delete_object(Bucket="ver-source", Key="doc.txt", VersionId=marker["VersionId"])  # v2 becomes current again: no creation
            v3 = s3.put_object(Bucket="ver-source", Key="doc.txt", Body=b"three")["VersionId"]
            events = [e["Records"][0] for e in records("ver-records", 7) if "Records" in e]
            events.sort(key=lambda r: r["s3"]["object"]["sequencer"])
            print(json.dumps({"events": [[r["eventName"], r["s3"]["object"].get("versionId")] for r in events],
                              "v1": v1, "v2": v2, "v3": v3, "marker": marker["VersionId"], "isMarker": marker["DeleteMarker"]}))
            """);
        string Id(string name) => result.GetProperty(name).GetString()!;
        Assert.True(result.GetProperty("isMarker").GetBoolean());
        var events = result.GetProperty("events").EnumerateArray().Select(e => (e[0].GetString(), e[1].GetString())).ToList();
        Assert.Equal(
        [
            ("ObjectCreated:Put", Id("v1")),
            ("ObjectCreated:Put", Id("v2")),
            ("ObjectRemoved:DeleteMarkerCreated", Id("marker")),
            ("ObjectRemoved:Delete", Id("v1")),
            ("ObjectRemoved:Delete", Id("marker")),
            ("ObjectCreated:Put", Id("v3")),
        ], events);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex TimestampRegex();
}
