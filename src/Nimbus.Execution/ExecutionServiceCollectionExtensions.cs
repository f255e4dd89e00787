using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.Execution;

public static class ExecutionServiceCollectionExtensions
{
    public static IServiceCollection AddNimbusExecution(this IServiceCollection services, ExecutionOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(new RuntimeCatalog(options.RuntimeInterpreters));
        services.AddSingleton<IExecutionEngine, ExecutionEngine>();
        return services;
    }
}
