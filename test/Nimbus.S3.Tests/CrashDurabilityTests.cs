using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>An acknowledged PUT survives <c>kill -9</c> of the server (architecture §1.4, §6).</summary>
public sealed class CrashDurabilityTests
{
    [Fact]
    public Task AcknowledgedPut_SurvivesKill9() => WithDataDirectoryAsync(async dataDirectory =>
    {
        using (var server = await ServerProcess.StartAsync(dataDirectory))
        {
            await server.Boto3.RunAsync("""
                s3 = client("s3")
                s3.create_bucket(Bucket="crash")
                s3.put_object(Bucket="crash", Key="acknowledged", Body=b"x" * 100_000)
                print("{}")
                """);
            await server.KillAsync();
        }
        using (var server = await ServerProcess.StartAsync(dataDirectory))
        {
            var result = await server.Boto3.RunAsync("""
                s3 = client("s3")
                print(json.dumps({"size": len(s3.get_object(Bucket="crash", Key="acknowledged")["Body"].read())}))
                """);
            Assert.Equal(100_000, result.GetProperty("size").GetInt32());
        }
    });

    /// <summary>
    /// Concurrent PUTs share commits (group commit), small bodies inline and larger ones (up to 88 KB here) as files: every
    /// PUT that got its 200, from 16 threads at once, is there with its exact content after <c>kill -9</c>, as is every
    /// overwrite and delete.
    /// </summary>
    [Fact]
    public Task ConcurrentSmallPuts_GroupCommitted_AllAcknowledgedSurviveKill9() => WithDataDirectoryAsync(async dataDirectory =>
    {
        using (var server = await ServerProcess.StartAsync(dataDirectory))
        {
            await server.Boto3.RunAsync("""
                from concurrent.futures import ThreadPoolExecutor
                s3 = client("s3")
                s3.create_bucket(Bucket="group")
                def put(i):
                    s3.put_object(Bucket="group", Key=f"k/{i:04d}", Body=(f"body {i} " * ((i % 50) * 200 + 1)).encode())
                with ThreadPoolExecutor(16) as pool:
                    list(pool.map(put, range(400)))
                s3.put_object(Bucket="group", Key="k/0007", Body=b"overwritten")
                s3.delete_object(Bucket="group", Key="k/0008")
                print("{}")
                """);
            await server.KillAsync();
        }
        using (var server = await ServerProcess.StartAsync(dataDirectory))
        {
            var result = await server.Boto3.RunAsync("""
                s3 = client("s3")
                keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket="group") for o in page.get("Contents", [])]
                wrong = [i for i in range(400) if i not in (7, 8)
                         and s3.get_object(Bucket="group", Key=f"k/{i:04d}")["Body"].read() != (f"body {i} " * ((i % 50) * 200 + 1)).encode()]
                print(json.dumps({"count": len(keys), "wrong": wrong, "missing": "k/0008" not in keys,
                    "overwritten": s3.get_object(Bucket="group", Key="k/0007")["Body"].read().decode()}))
                """);
            Assert.Equal(399, result.GetProperty("count").GetInt32());
            Assert.Empty(result.GetProperty("wrong").EnumerateArray());
            Assert.True(result.GetProperty("missing").GetBoolean(), "the acknowledged delete came back");
            Assert.Equal("overwritten", result.GetProperty("overwritten").GetString());
        }
    });

    private static async Task WithDataDirectoryAsync(Func<string, Task> test)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-s3-crash-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await test(dataDirectory);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
