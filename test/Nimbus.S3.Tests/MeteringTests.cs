using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Billing.Usage;
using Nimbus.S3.Metering;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>
/// S3 usage on the bill, through the real server: a known boto3 workload appears in <c>/_nimbus/costs</c> as
/// <c>Requests-Tier1</c> (PUT, COPY, POST, LIST), <c>Requests-Tier2</c> (GET, HEAD), no charge for DELETE, and
/// <c>TimedStorage-ByteHrs</c> for the bucket's bytes.
/// </summary>
public sealed class MeteringTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task KnownWorkload_IsBilledByTier_AndItsStorageIsSampled()
    {
        await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="metered")                                   # Tier 1
            for size in (1000, 2000, 100_000):                                    # 3 × Tier 1
                s3.put_object(Bucket="metered", Key=f"o{size}", Body=b"m" * size)
            s3.copy_object(Bucket="metered", Key="copy", CopySource="metered/o2000")  # Tier 1
            s3.get_object(Bucket="metered", Key="o1000")["Body"].read()           # Tier 2
            s3.get_object(Bucket="metered", Key="o2000")["Body"].read()           # Tier 2
            s3.head_object(Bucket="metered", Key="o1000")                         # Tier 2
            s3.list_objects_v2(Bucket="metered")                                  # Tier 1 (LIST)
            s3.list_buckets()                                                     # Tier 1 (LIST)
            s3.delete_object(Bucket="metered", Key="o1000")                       # free
            print("{}")
            """);
        server.Host.Services.GetRequiredService<S3StorageSampler>().Sample();
        await server.Host.Services.GetRequiredService<UsageRecorder>().FlushAsync();

        using var http = new HttpClient();
        var costs = JsonDocument.Parse(await http.GetStringAsync($"{server.EndpointUrl}/_nimbus/costs?month={DateTimeOffset.UtcNow:yyyy-MM}")).RootElement;
        var s3 = Assert.Single(costs.GetProperty("services").EnumerateArray(), s => s.GetProperty("service").GetString() == "s3");
        var usage = s3.GetProperty("usage").EnumerateArray().ToDictionary(u => u.GetProperty("usageType").GetString()!, u => u);
        Assert.Equal(7m, usage["Requests-Tier1"].GetProperty("quantity").GetDecimal());
        Assert.Equal(3m, usage["Requests-Tier2"].GetProperty("quantity").GetDecimal());
        Assert.Equal("GB-Month", usage["TimedStorage-ByteHrs"].GetProperty("unit").GetString());
        Assert.True(usage["TimedStorage-ByteHrs"].GetProperty("quantity").GetDecimal() > 0, "the bucket's bytes were sampled");
        Assert.True(s3.GetProperty("cost").GetDecimal() > 0);
        Assert.Contains(costs.GetProperty("resources").EnumerateArray(),
            r => r.GetProperty("service").GetString() == "s3" && r.GetProperty("resource").GetString() == "metered");
    }
}
