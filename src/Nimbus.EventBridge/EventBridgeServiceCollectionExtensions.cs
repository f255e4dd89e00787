using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.EventBridge.Api;
using Nimbus.EventBridge.Firing;
using Nimbus.EventBridge.Overview;
using Nimbus.EventBridge.Service;
using Nimbus.EventBridge.Store;
using Nimbus.Protocol;
using Nimbus.Protocol.SigV4;

namespace Nimbus.EventBridge;

public static class EventBridgeServiceCollectionExtensions
{
    /// <summary>
    /// EventBridge (<c>AWSEvents.*</c>) and EventBridge Scheduler (<c>scheduler</c>) on the edge, their store
    /// (SQLite at <c>db/events.db</c>), the scheduler that fires rules and schedules, and the delivery worker that hands
    /// events to <see cref="Core.Invocation.IFunctionInvoker"/>. Needs <see cref="NimbusPaths"/> and an
    /// <see cref="Core.Invocation.IFunctionInvoker"/> registered; uses the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddNimbusEventBridge(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<IEventBridgeStore>(provider =>
            new SqliteEventBridgeStore(new SqliteDatabase(provider.GetRequiredService<NimbusPaths>().Database("events"))));
        services.AddSingleton<DeliveryWorker>();
        services.AddSingleton<ScheduleEngine>();
        services.AddSingleton<EventsService>();
        services.AddSingleton<SchedulerService>();
        services.AddSingleton<ScheduleLoader>();
        services.AddSingleton<ScheduleOverviewService>();
        services.TryAddSingleton<SigV4Verifier>();
        services.AddSingleton<SchedulesEndpoint>();
        // Order matters: load the schedules, then start firing and delivering.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ScheduleLoader>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ScheduleEngine>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<EventsHandler>();
        services.AddSingleton<SchedulerHandler>();
        services.AddSingleton<IAwsServiceHandler>(provider => provider.GetRequiredService<EventsHandler>());
        services.AddSingleton<IAwsServiceHandler>(provider => provider.GetRequiredService<SchedulerHandler>());
        return services;
    }
}
