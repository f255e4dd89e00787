using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>Conditional writes (<c>If-None-Match: *</c>), response header overrides, and virtual-host addressing with real clients.</summary>
public sealed class ConditionalWriteTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task IfNoneMatchStar_CreatesOnlyOnce_ForPutAndCompleteMultipartUpload()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="conditional")
            first = s3.put_object(Bucket="conditional", Key="once", Body=b"first", IfNoneMatch="*")["ResponseMetadata"]["HTTPStatusCode"]
            second = error_of(lambda: s3.put_object(Bucket="conditional", Key="once", Body=b"second", IfNoneMatch="*"))
            up = s3.create_multipart_upload(Bucket="conditional", Key="once")["UploadId"]
            e = s3.upload_part(Bucket="conditional", Key="once", UploadId=up, PartNumber=1, Body=b"part")["ETag"]
            mp = error_of(lambda: s3.complete_multipart_upload(Bucket="conditional", Key="once", UploadId=up, IfNoneMatch="*",
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e}]}))
            up2 = s3.create_multipart_upload(Bucket="conditional", Key="fresh")["UploadId"]
            e2 = s3.upload_part(Bucket="conditional", Key="fresh", UploadId=up2, PartNumber=1, Body=b"part")["ETag"]
            s3.complete_multipart_upload(Bucket="conditional", Key="fresh", UploadId=up2, IfNoneMatch="*", MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e2}]})
            overrides = s3.get_object(Bucket="conditional", Key="once", ResponseContentType="text/x-override", ResponseContentDisposition="attachment; filename=x.txt",
                ResponseCacheControl="no-cache", ResponseContentLanguage="fr", ResponseExpires=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc))
            print(json.dumps({"first": first, "second": second, "mp": mp, "body": s3.get_object(Bucket="conditional", Key="once")["Body"].read().decode(),
                              "fresh": s3.get_object(Bucket="conditional", Key="fresh")["Body"].read().decode(),
                              "type": overrides["ContentType"], "disposition": overrides["ContentDisposition"], "cache": overrides["CacheControl"],
                              "language": overrides["ContentLanguage"], "expires": overrides.get("ExpiresString") or str(overrides.get("Expires"))}))
            """);
        Assert.Equal(200, result.GetProperty("first").GetInt32());
        Assert.Equal("PreconditionFailed", result.GetProperty("second").GetProperty("code").GetString());
        Assert.Equal(412, result.GetProperty("second").GetProperty("status").GetInt32());
        Assert.Equal("PreconditionFailed", result.GetProperty("mp").GetProperty("code").GetString());
        Assert.Equal("first", result.GetProperty("body").GetString());
        Assert.Equal("part", result.GetProperty("fresh").GetString());
        Assert.Equal("text/x-override", result.GetProperty("type").GetString());
        Assert.Equal("attachment; filename=x.txt", result.GetProperty("disposition").GetString());
        Assert.Equal("no-cache", result.GetProperty("cache").GetString());
        Assert.Equal("fr", result.GetProperty("language").GetString());
        Assert.Contains("2030", result.GetProperty("expires").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VirtualHostAddressing_WorksWithBoto3AndCurl()
    {
        var port = new Uri(server.EndpointUrl).Port;
        // Python's resolver does not map *.localhost to loopback as curl and browsers do (RFC 6761); the script supplies it.
        var result = await server.Boto3.RunAsync($$"""
            import socket
            real = socket.getaddrinfo
            socket.getaddrinfo = lambda host, *a, **k: real("127.0.0.1" if host.endswith(".localhost") else host, *a, **k)
            s3 = boto3.client("s3", endpoint_url="http://s3.localhost:{{port}}", config=Config(s3={"addressing_style": "virtual"}, retries={"max_attempts": 1}))
            s3.create_bucket(Bucket="vhost-boto")
            put = s3.put_object(Bucket="vhost-boto", Key="dir/file.txt", Body=b"virtual")
            listed = [c["Key"] for c in s3.list_objects_v2(Bucket="vhost-boto")["Contents"]]
            print(json.dumps({"url": put["ResponseMetadata"].get("HTTPHeaders", {}).get("x-amz-request-id") is not None, "listed": listed,
                              "body": s3.get_object(Bucket="vhost-boto", Key="dir/file.txt")["Body"].read().decode()}))
            """);
        Assert.Equal(["dir/file.txt"], result.GetProperty("listed").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("virtual", result.GetProperty("body").GetString());
        var curl = await ProcessRunner.RunAsync("curl", ["-s", $"http://vhost-boto.s3.localhost:{port}/dir/file.txt"], new Dictionary<string, string>());
        Assert.Equal("virtual", curl.StandardOutput);
    }
}
