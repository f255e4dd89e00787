using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>Multipart uploads through boto3's low-level calls and through the CLI's automatic multipart <c>cp</c>.</summary>
public sealed class MultipartTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task MultipartUpload_CompletesWithS3ETag_AndRejectsBadPartLists()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="multipart")
            first, second = os.urandom(5 * 1024 * 1024), os.urandom(1000)
            up = s3.create_multipart_upload(Bucket="multipart", Key="big", ContentType="video/test", Metadata={"m": "1"})["UploadId"]
            e1 = s3.upload_part(Bucket="multipart", Key="big", UploadId=up, PartNumber=1, Body=first)["ETag"]
            e2 = s3.upload_part(Bucket="multipart", Key="big", UploadId=up, PartNumber=2, Body=second)["ETag"]
            order = error_of(lambda: s3.complete_multipart_upload(Bucket="multipart", Key="big", UploadId=up,
                MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}]}))
            wrong = error_of(lambda: s3.complete_multipart_upload(Bucket="multipart", Key="big", UploadId=up,
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e2}]}))
            done = s3.complete_multipart_upload(Bucket="multipart", Key="big", UploadId=up,
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
            got = s3.get_object(Bucket="multipart", Key="big")
            expected = '"' + hashlib.md5(hashlib.md5(first).digest() + hashlib.md5(second).digest()).hexdigest() + '-2"'
            small = s3.create_multipart_upload(Bucket="multipart", Key="small")["UploadId"]
            s1 = s3.upload_part(Bucket="multipart", Key="small", UploadId=small, PartNumber=1, Body=b"tiny")["ETag"]
            s2 = s3.upload_part(Bucket="multipart", Key="small", UploadId=small, PartNumber=2, Body=b"tiny")["ETag"]
            too_small = error_of(lambda: s3.complete_multipart_upload(Bucket="multipart", Key="small", UploadId=small,
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": s1}, {"PartNumber": 2, "ETag": s2}]}))
            s3.abort_multipart_upload(Bucket="multipart", Key="small", UploadId=small)
            aborted = error_of(lambda: s3.upload_part(Bucket="multipart", Key="small", UploadId=small, PartNumber=3, Body=b"x"))
            print(json.dumps({"etag": done["ETag"], "expected": expected, "same": got["Body"].read() == first + second,
                              "type": got["ContentType"], "meta": got["Metadata"], "order": order, "wrong": wrong,
                              "tooSmall": too_small, "aborted": aborted,
                              "objects": sum(s3.list_objects_v2(Bucket=b["Name"])["KeyCount"] for b in s3.list_buckets()["Buckets"])}))
            """);
        Assert.Equal(result.GetProperty("expected").GetString(), result.GetProperty("etag").GetString());
        Assert.True(result.GetProperty("same").GetBoolean());
        Assert.Equal("video/test", result.GetProperty("type").GetString());
        Assert.Equal("1", result.GetProperty("meta").GetProperty("m").GetString());
        Assert.Equal("InvalidPartOrder", result.GetProperty("order").GetProperty("code").GetString());
        Assert.Equal("InvalidPart", result.GetProperty("wrong").GetProperty("code").GetString());
        Assert.Equal("EntityTooSmall", result.GetProperty("tooSmall").GetProperty("code").GetString());
        Assert.Equal("NoSuchUpload", result.GetProperty("aborted").GetProperty("code").GetString());
        Assert.Equal(404, result.GetProperty("aborted").GetProperty("status").GetInt32());
        // Completed and aborted uploads leave no part files behind: one body file per object.
        Assert.Equal(result.GetProperty("objects").GetInt32(),
            Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "s3", "objects"), "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task CliCopy_OfAFileAboveTheMultipartThreshold_RoundTrips()
    {
        var work = Directory.CreateTempSubdirectory("nimbus-s3-mp-").FullName;
        try
        {
            var upload = Path.Combine(work, "big.bin");
            var content = new byte[9 * 1024 * 1024];
            Random.Shared.NextBytes(content);
            await File.WriteAllBytesAsync(upload, content);
            Assert.Equal(0, (await server.Cli.RunAsync("s3", "mb", "s3://cli-multipart")).ExitCode);
            var up = await server.Cli.RunAsync("s3", "cp", upload, "s3://cli-multipart/big.bin");
            Assert.True(up.ExitCode == 0, up.Describe());
            var download = Path.Combine(work, "down.bin");
            var down = await server.Cli.RunAsync("s3", "cp", "s3://cli-multipart/big.bin", download);
            Assert.True(down.ExitCode == 0, down.Describe());
            Assert.Equal(content, await File.ReadAllBytesAsync(download));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// S3 deletes a bucket whose only content is multipart uploads in progress, and the uploads go with it: a bucket of the
    /// same name starts without them, and the old upload id is unknown.
    /// </summary>
    [Fact]
    public async Task DeleteBucket_WithUploadsInProgress_DeletesTheBucketAndItsUploads()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="pending-uploads")
            upload = s3.create_multipart_upload(Bucket="pending-uploads", Key="big")["UploadId"]
            s3.upload_part(Bucket="pending-uploads", Key="big", UploadId=upload, PartNumber=1, Body=b"p" * (5 * 1024 * 1024))
            s3.delete_bucket(Bucket="pending-uploads")
            gone = "pending-uploads" not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
            s3.create_bucket(Bucket="pending-uploads")
            uploads = s3.list_multipart_uploads(Bucket="pending-uploads").get("Uploads", [])
            parts = error_of(lambda: s3.list_parts(Bucket="pending-uploads", Key="big", UploadId=upload))
            print(json.dumps({"gone": gone, "uploads": len(uploads), "parts": parts}))
            """);
        Assert.True(result.GetProperty("gone").GetBoolean());
        Assert.Equal(0, result.GetProperty("uploads").GetInt32());
        Assert.Equal("NoSuchUpload", result.GetProperty("parts").GetProperty("code").GetString());
    }
}
