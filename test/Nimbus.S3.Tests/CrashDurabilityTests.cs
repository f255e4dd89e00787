using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>An acknowledged PUT survives <c>kill -9</c> of the server (architecture §1.4, §6).</summary>
public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task AcknowledgedPut_SurvivesKill9()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-s3-crash-" + Guid.NewGuid().ToString("N")[..8]);
        try
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
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
