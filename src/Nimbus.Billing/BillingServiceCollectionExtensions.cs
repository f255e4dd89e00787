using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nimbus.Billing.CostExplorer;
using Nimbus.Billing.Pricing;
using Nimbus.Billing.Reports;
using Nimbus.Billing.Usage;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;
using Nimbus.Protocol;

namespace Nimbus.Billing;

public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Metering and billing: the usage store (SQLite at <c>db/billing.db</c>), the price table
    /// (<c>billing/prices.json</c>, seeded with AWS's us-east-1 prices), the recorder that is both an
    /// <see cref="IInvocationReportSink"/> and the <see cref="IUsageMeter"/>, the cost report endpoint and the Cost Explorer API (<c>ce</c>).
    /// </summary>
    public static IServiceCollection AddNimbusBilling(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<IUsageStore>(provider =>
            new SqliteUsageStore(new SqliteDatabase(provider.GetRequiredService<NimbusPaths>().Database("billing")), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => PriceTableLoader.Load(provider.GetRequiredService<NimbusPaths>()));
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<IInvocationReportSink>(provider => provider.GetRequiredService<UsageRecorder>());
        services.AddSingleton<IUsageMeter>(provider => provider.GetRequiredService<UsageRecorder>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<UsageRecorder>());
        services.AddSingleton<CostsEndpoint>();
        services.AddSingleton<CostExplorerService>();
        services.AddSingleton<IAwsServiceHandler, CostExplorerHandler>();
        return services;
    }

    /// <summary>Maps <c>GET /_nimbus/costs</c>.</summary>
    public static IEndpointRouteBuilder MapNimbusCosts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_nimbus/costs", endpoints.ServiceProvider.GetRequiredService<CostsEndpoint>().WriteAsync);
        return endpoints;
    }
}
