using System.Security.Cryptography;
using Amazon.S3.Transfer;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>
/// Large objects through the clients' own multipart machinery: the CLI's parallel-part <c>cp</c> and <c>sync</c>, and the
/// .NET SDK's TransferUtility, each verified byte for byte.
/// </summary>
public sealed class LargeTransferTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task CliCopy_OfA40MegabyteFile_UsesParallelPartsAndRoundTrips()
    {
        var work = Directory.CreateTempSubdirectory("nimbus-s3-large-").FullName;
        try
        {
            var upload = Path.Combine(work, "big.bin");
            var content = RandomNumberGenerator.GetBytes(40 * 1024 * 1024 + 12345);
            await File.WriteAllBytesAsync(upload, content);
            Assert.Equal(0, (await server.Cli.RunAsync("s3", "mb", "s3://large")).ExitCode);
            var up = await server.Cli.RunAsync("s3", "cp", upload, "s3://large/big.bin");
            Assert.True(up.ExitCode == 0, up.Describe());
            var head = await server.Cli.JsonAsync("s3api", "head-object", "--bucket", "large", "--key", "big.bin");
            // The CLI splits at 8 MiB: 6 parts, so the ETag is S3's multipart form.
            Assert.EndsWith("-6\"", head.GetProperty("ETag").GetString(), StringComparison.Ordinal);
            var download = Path.Combine(work, "down.bin");
            var down = await server.Cli.RunAsync("s3", "cp", "s3://large/big.bin", download);
            Assert.True(down.ExitCode == 0, down.Describe());
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(download)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task CliSync_UploadsOnlyChangesAndDownloadsATree()
    {
        var work = Directory.CreateTempSubdirectory("nimbus-s3-sync-").FullName;
        try
        {
            var source = Path.Combine(work, "src");
            Directory.CreateDirectory(Path.Combine(source, "nested", "deeper"));
            var files = new Dictionary<string, byte[]>
            {
                ["a.txt"] = "alpha"u8.ToArray(),
                ["nested/b.bin"] = RandomNumberGenerator.GetBytes(300_000),
                ["nested/deeper/c with space.txt"] = "gamma"u8.ToArray(),
                ["big.bin"] = RandomNumberGenerator.GetBytes(9 * 1024 * 1024),
            };
            foreach (var (name, bytes) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(source, name), bytes);
            }
            Assert.Equal(0, (await server.Cli.RunAsync("s3", "mb", "s3://synced")).ExitCode);
            var first = await server.Cli.RunAsync("s3", "sync", source, "s3://synced/tree");
            Assert.True(first.ExitCode == 0, first.Describe());
            // Progress lines end in carriage returns; each finished file reports "upload: <source> to <target>".
            Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(first.StandardOutput, "upload: "));

            var second = await server.Cli.RunAsync("s3", "sync", source, "s3://synced/tree");
            Assert.True(second.ExitCode == 0, second.Describe());
            Assert.DoesNotContain("upload:", second.StandardOutput, StringComparison.Ordinal);

            File.Delete(Path.Combine(source, "a.txt"));
            var deleting = await server.Cli.RunAsync("s3", "sync", source, "s3://synced/tree", "--delete");
            Assert.Contains("delete: s3://synced/tree/a.txt", deleting.StandardOutput, StringComparison.Ordinal);

            var target = Path.Combine(work, "dst");
            var down = await server.Cli.RunAsync("s3", "sync", "s3://synced/tree", target);
            Assert.True(down.ExitCode == 0, down.Describe());
            files.Remove("a.txt");
            foreach (var (name, bytes) in files)
            {
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(target, name)));
            }
            Assert.False(File.Exists(Path.Combine(target, "a.txt")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task TransferUtility_RoundTrips100Megabytes()
    {
        var work = Directory.CreateTempSubdirectory("nimbus-s3-tu-").FullName;
        try
        {
            var upload = Path.Combine(work, "hundred.bin");
            var content = RandomNumberGenerator.GetBytes(100 * 1024 * 1024);
            await File.WriteAllBytesAsync(upload, content);
            using var s3 = server.DotNetClient();
            await s3.PutBucketAsync("transfer");
            using var transfer = new TransferUtility(s3);
            await transfer.UploadAsync(new TransferUtilityUploadRequest
            {
                BucketName = "transfer",
                Key = "hundred.bin",
                FilePath = upload,
                PartSize = 16 * 1024 * 1024,
            });
            var metadata = await s3.GetObjectMetadataAsync("transfer", "hundred.bin");
            Assert.Equal(content.Length, metadata.ContentLength);
            Assert.EndsWith("-7\"", metadata.ETag, StringComparison.Ordinal);

            var download = Path.Combine(work, "down.bin");
            await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = "transfer", Key = "hundred.bin", FilePath = download });
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(download)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
