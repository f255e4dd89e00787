using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
        // Probed once, at first use: bubblewrap + cgroups where the host allows, plain processes otherwise.
        services.TryAddSingleton<IProcessLauncher>(provider => IsolationSelection.Create(options,
            provider.GetService<ILoggerFactory>()?.CreateLogger<ExecutionEngine>() ?? (ILogger)NullLogger.Instance));
        services.AddSingleton<IExecutionEngine, ExecutionEngine>();
        return services;
    }
}
