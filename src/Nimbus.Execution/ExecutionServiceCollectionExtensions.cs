using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Execution.Processes;

namespace Nimbus.Execution;

public static class ExecutionServiceCollectionExtensions
{
    public static IServiceCollection AddNimbusExecution(this IServiceCollection services, ExecutionOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(new RuntimeCatalog(options.RuntimeInterpreters));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EdgeEndpoint>();
        // CloudWatch registers the real sink (before or after us); without it the engine still runs.
        services.TryAddSingleton<ILogIngestion, DiscardingLogIngestion>();
        // Replaced by the bubblewrap sandbox launcher when it lands.
        services.TryAddSingleton<IProcessLauncher, PosixProcessLauncher>();
        services.AddSingleton<IExecutionEngine, ExecutionEngine>();
        return services;
    }
}
