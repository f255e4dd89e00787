using System.Net;
using Nimbus.Protocol.SigV4;
using Nimbus.Server;

namespace Nimbus.S3.Tests;

/// <summary>
/// SigV4 verification for known keys (<c>test</c>/<c>test</c> by default): presigned GET and PUT URLs from
/// <c>aws s3 presign</c> and boto3 used with curl, expiry, tampered signatures and wrong secrets.
/// </summary>
public sealed class SignatureTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static Task<ProcessResult> CurlAsync(params string[] arguments) => ProcessRunner.RunAsync("curl", ["-s", .. arguments], NoEnvironment);

    [Fact]
    public async Task CliPresignedUrls_SigV2ByDefaultAndSigV4WhenConfigured_DownloadWithCurl()
    {
        await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="presigned-cli")
            s3.put_object(Bucket="presigned-cli", Key="dir/hello world.txt", Body=b"presigned body")
            print("{}")
            """);
        // The CLI v1 presigns with SigV2 query authentication unless the profile asks for s3v4.
        var v2 = (await server.Cli.RunAsync("s3", "presign", "s3://presigned-cli/dir/hello world.txt", "--expires-in", "300")).StandardOutput.Trim();
        Assert.Contains("AWSAccessKeyId=test", v2, StringComparison.Ordinal);
        var config = Path.GetTempFileName();
        string v4;
        try
        {
            await File.WriteAllTextAsync(config, "[default]\ns3 =\n  signature_version = s3v4\n");
            var environment = ProcessRunner.AwsEnvironment();
            environment["AWS_CONFIG_FILE"] = config;
            var presign = await ProcessRunner.RunAsync("aws", ["--endpoint-url", server.EndpointUrl, "s3", "presign", "s3://presigned-cli/dir/hello world.txt"], environment);
            v4 = presign.StandardOutput.Trim();
        }
        finally
        {
            File.Delete(config);
        }
        Assert.Contains("X-Amz-Signature=", v4, StringComparison.Ordinal);

        foreach (var url in new[] { v2, v4 })
        {
            Assert.Equal("presigned body\n200", (await CurlAsync("-w", "\n%{http_code}", url)).StandardOutput);
        }

        var tamperedV4 = (await CurlAsync("-w", "\n%{http_code}", v4.Replace("X-Amz-Signature=", "X-Amz-Signature=0", StringComparison.Ordinal)[..^1])).StandardOutput;
        Assert.EndsWith("\n403", tamperedV4, StringComparison.Ordinal);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", tamperedV4, StringComparison.Ordinal);
        Assert.Contains("<StringToSign>AWS4-HMAC-SHA256\n", tamperedV4, StringComparison.Ordinal);
        Assert.Contains("<CanonicalRequest>GET\n/presigned-cli/dir/hello%20world.txt\n", tamperedV4, StringComparison.Ordinal);
        Assert.Contains("<AWSAccessKeyId>test</AWSAccessKeyId>", tamperedV4, StringComparison.Ordinal);

        var tamperedV2 = (await CurlAsync(v2.Replace("Signature=", "Signature=AAAA", StringComparison.Ordinal))).StandardOutput;
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", tamperedV2, StringComparison.Ordinal);
        Assert.Contains("<StringToSign>GET\n\n\n", tamperedV2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boto3PresignedPutAndGet_WorkWithCurl_AndExpiredUrlsAreAccessDenied()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            v4 = boto3.client("s3", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(signature_version="s3v4"))
            s3.create_bucket(Bucket="presigned")
            urls = {}
            for name, c in (("v2", s3), ("v4", v4)):
                urls[name + "put"] = c.generate_presigned_url("put_object", Params={"Bucket": "presigned", "Key": name + ".txt"}, ExpiresIn=300)
                urls[name + "get"] = c.generate_presigned_url("get_object", Params={"Bucket": "presigned", "Key": name + ".txt"}, ExpiresIn=300)
            # SigV2 URLs carry their expiry instant: one in the past has expired.
            urls["v2expired"] = s3.generate_presigned_url("get_object", Params={"Bucket": "presigned", "Key": "v2.txt"}, ExpiresIn=-7200)
            # A SigV4 URL signed two hours ago that lived for 60 seconds: botocore takes the signing time from this function.
            import botocore.auth
            real_now = botocore.auth.get_current_datetime
            botocore.auth.get_current_datetime = lambda: real_now() - datetime.timedelta(hours=2)
            urls["v4expired"] = v4.generate_presigned_url("get_object", Params={"Bucket": "presigned", "Key": "v4.txt"}, ExpiresIn=60)
            botocore.auth.get_current_datetime = real_now
            print(json.dumps(urls))
            """);
        string Url(string name) => result.GetProperty(name).GetString()!;
        var file = Path.GetTempFileName();
        try
        {
            foreach (var version in new[] { "v2", "v4" })
            {
                await File.WriteAllTextAsync(file, "uploaded through a presigned PUT " + version);
                Assert.Equal("200", (await CurlAsync("-w", "%{http_code}", "-T", file, Url(version + "put"))).StandardOutput);
                Assert.Equal("uploaded through a presigned PUT " + version, (await CurlAsync(Url(version + "get"))).StandardOutput);
                // A PUT URL does not authorise a GET: the method is part of what was signed.
                Assert.Contains("<Code>SignatureDoesNotMatch</Code>", (await CurlAsync(Url(version + "put"))).StandardOutput, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }

        var expiredV4 = (await CurlAsync("-w", "\n%{http_code}", Url("v4expired"))).StandardOutput;
        Assert.EndsWith("\n403", expiredV4, StringComparison.Ordinal);
        Assert.Contains("<Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>60</X-Amz-Expires><Expires>", expiredV4, StringComparison.Ordinal);
        Assert.Contains("<ServerTime>", expiredV4, StringComparison.Ordinal);
        var expiredV2 = (await CurlAsync("-w", "\n%{http_code}", Url("v2expired"))).StandardOutput;
        Assert.EndsWith("\n403", expiredV2, StringComparison.Ordinal);
        Assert.Contains("<Code>AccessDenied</Code><Message>Request has expired</Message><Expires>", expiredV2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_IsSignatureDoesNotMatch_AndUnknownKeysAreAccepted()
    {
        var result = await server.Boto3.RunAsync("""
            good = client("s3")
            good.create_bucket(Bucket="signed")
            wrong = client("s3", aws_access_key_id="test", aws_secret_access_key="not-the-secret")
            stranger = client("s3", aws_access_key_id="AKIASOMEONEELSE", aws_secret_access_key="whatever")
            stranger.put_object(Bucket="signed", Key="k", Body=b"from a key Nimbus does not know")
            try:
                wrong.list_objects_v2(Bucket="signed")
                failure = None
            except botocore.exceptions.ClientError as e:
                failure = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                           "stringToSign": e.response["Error"].get("StringToSign", ""), "key": e.response["Error"].get("AWSAccessKeyId")}
            print(json.dumps({"failure": failure, "strangerRead": stranger.get_object(Bucket="signed", Key="k")["Body"].read().decode()}))
            """);
        var failure = result.GetProperty("failure");
        Assert.Equal("SignatureDoesNotMatch", failure.GetProperty("code").GetString());
        Assert.Equal(403, failure.GetProperty("status").GetInt32());
        Assert.StartsWith("AWS4-HMAC-SHA256\n", failure.GetProperty("stringToSign").GetString(), StringComparison.Ordinal);
        Assert.Equal("test", failure.GetProperty("key").GetString());
        Assert.Equal("from a key Nimbus does not know", result.GetProperty("strangerRead").GetString());
    }

    [Fact]
    public async Task StrictServer_RefusesUnknownKeys_AndVerifiesConfiguredOnes()
    {
        var data = Path.Combine(Path.GetTempPath(), "nimbus-strict-" + Guid.NewGuid().ToString("N")[..8]);
        var host = await NimbusHost.StartAsync(new NimbusOptions
        {
            Port = 0,
            DataDirectory = data,
            Credentials = SigV4Credentials.Parse("AKIAOPERATOR:operator-secret", requireKnownKeys: true),
        });
        try
        {
            var boto3 = new Boto3(host.Endpoint.ToString().TrimEnd('/'));
            var result = await boto3.RunAsync("""
                operator = client("s3", aws_access_key_id="AKIAOPERATOR", aws_secret_access_key="operator-secret")
                operator.create_bucket(Bucket="strict")
                default_pair = client("s3")
                print(json.dumps({"buckets": [b["Name"] for b in operator.list_buckets()["Buckets"]],
                                  "unknown": error_of(lambda: default_pair.list_buckets())}))
                """);
            Assert.Equal(["strict"], result.GetProperty("buckets").EnumerateArray().Select(b => b.GetString()));
            Assert.Equal("InvalidAccessKeyId", result.GetProperty("unknown").GetProperty("code").GetString());
            Assert.Equal(403, result.GetProperty("unknown").GetProperty("status").GetInt32());
        }
        finally
        {
            await host.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task MalformedPresignedQuery_IsAuthorizationQueryParametersError()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(server.EndpointUrl + "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261127%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>AuthorizationQueryParametersError</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
