using System.Net;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>Bad inputs get S3's error codes and statuses, in S3's XML shape.</summary>
public sealed class Boto3ErrorTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task BadInputs_AnswerWithS3ErrorCodes()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="errors")
            s3.put_object(Bucket="errors", Key="k", Body=b"x")
            print(json.dumps({
                "noBucket": error_of(lambda: s3.get_object(Bucket="no-such-bucket", Key="k")),
                "noBucketHead": error_of(lambda: s3.head_bucket(Bucket="no-such-bucket")),
                "noKey": error_of(lambda: s3.get_object(Bucket="errors", Key="missing")),
                "noKeyHead": error_of(lambda: s3.head_object(Bucket="errors", Key="missing")),
                "badName": error_of(lambda: s3.create_bucket(Bucket="Bad_Name")),
                "ipName": error_of(lambda: s3.create_bucket(Bucket="192.168.1.1")),
                "owned": error_of(lambda: s3.create_bucket(Bucket="errors")),
                "notEmpty": error_of(lambda: s3.delete_bucket(Bucket="errors")),
                "badMd5": error_of(lambda: s3.put_object(Bucket="errors", Key="m", Body=b"abc", ContentMD5="AAAAAAAAAAAAAAAAAAAAAA==")),
                "invalidMd5": error_of(lambda: s3.put_object(Bucket="errors", Key="m", Body=b"abc", ContentMD5="not-base64")),
                "notImplemented": error_of(lambda: s3.get_bucket_acl(Bucket="errors")),
                "mdFile": error_of(lambda: s3.get_object(Bucket="errors", Key="m")),
            }))
            """);
        void Expect(string name, string code, int status)
        {
            Assert.Equal(code, result.GetProperty(name).GetProperty("code").GetString());
            Assert.Equal(status, result.GetProperty(name).GetProperty("status").GetInt32());
        }
        Expect("noBucket", "NoSuchBucket", 404);
        Expect("noBucketHead", "404", 404);
        Expect("noKey", "NoSuchKey", 404);
        Expect("noKeyHead", "404", 404);
        Expect("badName", "InvalidBucketName", 400);
        Expect("ipName", "InvalidBucketName", 400);
        Expect("owned", "BucketAlreadyOwnedByYou", 409);
        Expect("notEmpty", "BucketNotEmpty", 409);
        Expect("badMd5", "BadDigest", 400);
        Expect("invalidMd5", "InvalidDigest", 400);
        Expect("notImplemented", "NotImplemented", 501);
        // A rejected PUT stores nothing.
        Expect("mdFile", "NoSuchKey", 404);
    }

    [Fact]
    public async Task ErrorBody_HasS3Shape_AndRequestIdHeaders()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(server.EndpointUrl + "/no-such-bucket/key");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>no-such-bucket</BucketName><RequestId>",
            body, StringComparison.Ordinal);
        Assert.Contains("<HostId>", body, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("x-amz-request-id"));
        Assert.True(response.Headers.Contains("x-amz-id-2"));

        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, server.EndpointUrl + "/no-such-bucket/key"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutObject_WithWrongContentSha256_IsRejected()
    {
        using var http = new HttpClient();
        await http.PutAsync(server.EndpointUrl + "/sha-bucket", null);
        using var request = new HttpRequestMessage(HttpMethod.Put, server.EndpointUrl + "/sha-bucket/k") { Content = new ByteArrayContent("abc"u8.ToArray()) };
        request.Headers.Add("x-amz-content-sha256", new string('0', 64));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>XAmzContentSHA256Mismatch</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VirtualHostStyle_AddressesTheBucketFromTheHostHeader()
    {
        using var http = new HttpClient();
        var port = new Uri(server.EndpointUrl).Port;
        using var create = new HttpRequestMessage(HttpMethod.Put, server.EndpointUrl + "/");
        create.Headers.Host = $"vhost-bucket.s3.localhost:{port}";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(create)).StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, server.EndpointUrl + "/a/b.txt") { Content = new StringContent("vhost") };
        put.Headers.Host = $"vhost-bucket.s3.localhost:{port}";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(put)).StatusCode);
        Assert.Equal("vhost", await http.GetStringAsync(server.EndpointUrl + "/vhost-bucket/a/b.txt"));
    }
}
