using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>AWS SDK for .NET (<c>AmazonS3Client</c>, path style), which sends aws-chunked bodies with trailing checksums.</summary>
public sealed class DotNetSdkTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task PutGetList_WorkWithTheDotNetSdk()
    {
        using var s3 = server.DotNetClient();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "dotnet-bucket" });
        var content = new byte[150_000];
        Random.Shared.NextBytes(content);
        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "dotnet-bucket",
            Key = "data/blob.bin",
            InputStream = new MemoryStream(content),
            ContentType = "application/octet-stream",
            Metadata = { ["x-amz-meta-origin"] = "dotnet" },
        });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "dotnet-bucket", Key = "data/text.txt", ContentBody = "text body" });

        using (var get = await s3.GetObjectAsync("dotnet-bucket", "data/blob.bin"))
        {
            using var copy = new MemoryStream();
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
            Assert.Equal("dotnet", get.Metadata["origin"]);
        }

        var list = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "dotnet-bucket", Prefix = "data/" });
        Assert.Equal(["data/blob.bin", "data/text.txt"], list.S3Objects.Select(o => o.Key).ToList());
        Assert.Equal(150_000, list.S3Objects[0].Size);

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("dotnet-bucket", "nope"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
    }
}
