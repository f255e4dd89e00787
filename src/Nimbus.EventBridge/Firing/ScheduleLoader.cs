using Microsoft.Extensions.Hosting;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Firing;

/// <summary>
/// Puts every enabled scheduled rule and schedule into the <see cref="ScheduleEngine"/> before it starts (hosted
/// services start in registration order, and this one is registered first).
/// </summary>
internal sealed class ScheduleLoader(ScheduleEngine engine, EventsService events, SchedulerService scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.Load(events.ScheduledJobs().Concat(scheduler.ScheduledJobs()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
