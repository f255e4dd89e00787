using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

public sealed class RestartTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task BucketsAndObjects_SurviveARestart()
    {
        await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="durable")
            s3.put_object(Bucket="durable", Key="k1", Body=b"first", Metadata={"m": "v"})
            s3.put_object(Bucket="durable", Key="k2", Body=b"second" * 20000)
            s3.put_object(Bucket="durable", Key="k2", Body=b"second, overwritten" * 10000)
            print("{}")
            """);
        await server.RestartAsync();
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            k1 = s3.get_object(Bucket="durable", Key="k1")
            print(json.dumps({"k1": k1["Body"].read().decode(), "meta": k1["Metadata"],
                              "k2": s3.get_object(Bucket="durable", Key="k2")["Body"].read().decode()[:19],
                              "buckets": [b["Name"] for b in s3.list_buckets()["Buckets"]]}))
            """);
        Assert.Equal("first", result.GetProperty("k1").GetString());
        Assert.Equal("v", result.GetProperty("meta").GetProperty("m").GetString());
        Assert.Equal("second, overwritten", result.GetProperty("k2").GetString());
        Assert.Contains("durable", result.GetProperty("buckets").EnumerateArray().Select(b => b.GetString()));
        // Only the live body above the inline limit remains on disk (k1's lives in the database): overwritten ones were removed.
        Assert.Single(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "s3", "objects"), "*", SearchOption.AllDirectories));
    }
}
