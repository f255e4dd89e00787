using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nimbus.Lambda.Store;

namespace Nimbus.Lambda.EventSources;

internal static class EventSourceServiceCollectionExtensions
{
    /// <summary>Event source mappings: their store (in the Lambda database), control plane and stream poller.</summary>
    public static IServiceCollection AddEventSourceMappings(this IServiceCollection services)
    {
        services.TryAddSingleton(new EventSourceOptions());
        services.AddSingleton<IEventSourceMappingStore>(sp => new SqliteEventSourceMappingStore(sp.GetRequiredService<LambdaDatabase>().Database));
        services.AddSingleton<EventSourceMappingService>();
        services.AddSingleton<StreamFailureDestination>();
        services.AddSingleton<StreamMappingPoller>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StreamMappingPoller>());
        return services;
    }
}
