using Microsoft.Extensions.DependencyInjection;
using Nimbus.Billing.Usage;
using Nimbus.Testing;

namespace Nimbus.Billing.Tests;

/// <summary>
/// A server holding a known month of usage, seeded once for all Cost Explorer tests: two real functions tagged
/// <c>team=web</c> and <c>team=api</c> with 1,500,000 + 500,000 requests and 300,000 + 212,500 GB-s today, and 10,000
/// S3 PUT-class requests on an untagged bucket.
/// </summary>
public sealed class CostExplorerFixture : IAsyncLifetime
{
    public NimbusServerFixture Server { get; } = new();

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        var created = await Server.Boto3.RunAsync("""
            lam = client("lambda")
            suffix = os.urandom(4).hex()
            names = {"web": "web-" + suffix, "api": "api-" + suffix}
            for team, name in names.items():
                lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                    Code={"ZipFile": zip_of({"app.py": "def handler(e, c):\n    return 1\n"})}, Tags={"team": team})
            print(json.dumps(names))
            """);
        var web = created.GetProperty("web").GetString()!;
        var api = created.GetProperty("api").GetString()!;
        Server.Host.Services.GetRequiredService<IUsageStore>().Add([
            new UsageIncrement("000000000000", Today, "lambda", "Request", web, 1_500_000m),
            new UsageIncrement("000000000000", Today, "lambda", "Lambda-GB-Second", web, 300_000m),
            new UsageIncrement("000000000000", Today, "lambda", "Request", api, 500_000m),
            new UsageIncrement("000000000000", Today, "lambda", "Lambda-GB-Second", api, 212_500m),
            new UsageIncrement("000000000000", Today, "s3", "Requests-Tier1", "bucket", 10_000m),
        ]);
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}
