using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;
using Nimbus.Lambda.Api;
using Nimbus.Lambda.EventSources;
using Nimbus.Lambda.Service;
using Nimbus.Lambda.Store;
using Nimbus.Protocol;

namespace Nimbus.Lambda;

public static class LambdaServiceCollectionExtensions
{
    /// <summary>
    /// The Lambda API (<c>2015-03-31</c>), its store, and the <see cref="IFunctionInvoker"/> seam. Needs
    /// <see cref="NimbusPaths"/>, <see cref="TimeProvider"/> and an <c>IExecutionEngine</c> registered by the host.
    /// </summary>
    public static IServiceCollection AddNimbusLambda(this IServiceCollection services, LambdaOptions? options = null)
    {
        services.TryAddSingleton(options ?? new LambdaOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LambdaDatabase>(sp => new LambdaDatabase(new SqliteDatabase(sp.GetRequiredService<NimbusPaths>().Database("lambda"))));
        services.AddSingleton<ILambdaStore>(sp => new SqliteLambdaStore(sp.GetRequiredService<LambdaDatabase>().Database));
        services.AddSingleton<IAsyncEventStore>(sp => new SqliteAsyncEventStore(sp.GetRequiredService<LambdaDatabase>().Database));
        services.AddSingleton<CodeStore>();
        services.AddSingleton(sp => new ConcurrencyGovernor(sp.GetRequiredService<LambdaOptions>().AccountConcurrencyLimit));
        services.AddSingleton<LambdaService>();
        services.AddSingleton<InvokeService>();
        services.AddSingleton<IFunctionInvoker, LambdaFunctionInvoker>();
        services.AddSingleton<IFunctionPermissionChecker, LambdaPermissionChecker>();
        services.AddSingleton<IResourceTagSource, LambdaTagSource>();
        services.AddSingleton<IAwsServiceHandler, LambdaApiHandler>();
        services.AddEventSourceMappings();
        return services;
    }
}
