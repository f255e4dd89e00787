using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>The AWS CLI v1, unmodified: the high-level <c>aws s3</c> commands and <c>aws s3api</c>.</summary>
public sealed class AwsCliTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task S3Commands_MakeBucketCopyUpAndDownListAndRemove()
    {
        var work = Directory.CreateTempSubdirectory("nimbus-s3-cli-").FullName;
        try
        {
            var upload = Path.Combine(work, "up.bin");
            var content = new byte[200_000];
            Random.Shared.NextBytes(content);
            await File.WriteAllBytesAsync(upload, content);

            await RunOkAsync("s3", "mb", "s3://cli-bucket");
            await RunOkAsync("s3", "cp", upload, "s3://cli-bucket/dir/up.bin");
            var listing = await server.Cli.RunAsync("s3", "ls", "s3://cli-bucket/dir/");
            Assert.Equal(0, listing.ExitCode);
            Assert.Contains("200000 up.bin", listing.StandardOutput, StringComparison.Ordinal);
            var buckets = await server.Cli.RunAsync("s3", "ls");
            Assert.Contains("cli-bucket", buckets.StandardOutput, StringComparison.Ordinal);

            var download = Path.Combine(work, "down.bin");
            await RunOkAsync("s3", "cp", "s3://cli-bucket/dir/up.bin", download);
            Assert.Equal(content, await File.ReadAllBytesAsync(download));

            await server.Cli.FailsWithAsync("BucketNotEmpty", "s3api", "delete-bucket", "--bucket", "cli-bucket");
            await RunOkAsync("s3", "rm", "s3://cli-bucket/dir/up.bin");
            await RunOkAsync("s3", "rb", "s3://cli-bucket");
            await server.Cli.FailsWithAsync("404", "s3api", "head-bucket", "--bucket", "cli-bucket");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task RunOkAsync(params string[] arguments)
    {
        var result = await server.Cli.RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} failed: {result.Describe()}");
    }

    [Fact]
    public async Task S3Api_PutObjectHeadObjectLocationAndListV2()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "hello from s3api");
            await server.Cli.JsonAsync("s3api", "create-bucket", "--bucket", "api-bucket", "--create-bucket-configuration", "LocationConstraint=eu-west-1");
            var put = await server.Cli.JsonAsync("s3api", "put-object", "--bucket", "api-bucket", "--key", "greeting.txt", "--body", file,
                "--content-type", "text/plain", "--metadata", "owner=me");
            Assert.Equal("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("hello from s3api"u8)) + "\"", put.GetProperty("ETag").GetString());
            var head = await server.Cli.JsonAsync("s3api", "head-object", "--bucket", "api-bucket", "--key", "greeting.txt");
            Assert.Equal("text/plain", head.GetProperty("ContentType").GetString());
            Assert.Equal("me", head.GetProperty("Metadata").GetProperty("owner").GetString());
            var location = await server.Cli.JsonAsync("s3api", "get-bucket-location", "--bucket", "api-bucket");
            Assert.Equal("eu-west-1", location.GetProperty("LocationConstraint").GetString());
            var list = await server.Cli.JsonAsync("s3api", "list-objects-v2", "--bucket", "api-bucket");
            Assert.Equal("greeting.txt", list.GetProperty("Contents")[0].GetProperty("Key").GetString());
            await server.Cli.FailsWithAsync("NoSuchKey", "s3api", "get-object", "--bucket", "api-bucket", "--key", "missing", Path.Combine(Path.GetTempPath(), "unused"));
            await server.Cli.FailsWithAsync("InvalidBucketName", "s3api", "create-bucket", "--bucket", "ab");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
