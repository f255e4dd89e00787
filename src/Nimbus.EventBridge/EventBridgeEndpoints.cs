using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.EventBridge.Overview;

namespace Nimbus.EventBridge;

public static class EventBridgeEndpoints
{
    /// <summary>Maps <c>GET /_nimbus/schedules</c> and <c>POST /_nimbus/schedules/run</c> (the console's schedules page).</summary>
    public static IEndpointRouteBuilder MapNimbusSchedules(this IEndpointRouteBuilder endpoints)
    {
        var schedules = endpoints.ServiceProvider.GetRequiredService<SchedulesEndpoint>();
        endpoints.MapGet("/_nimbus/schedules", schedules.ListAsync);
        endpoints.MapPost("/_nimbus/schedules/run", schedules.RunAsync);
        return endpoints;
    }
}
