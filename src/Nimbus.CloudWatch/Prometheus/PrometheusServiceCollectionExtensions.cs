using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Prometheus;

public static class PrometheusServiceCollectionExtensions
{
    /// <summary>The Prometheus sink (one more <see cref="IInvocationReportSink"/>) and the endpoint that renders it.</summary>
    internal static IServiceCollection AddNimbusPrometheus(this IServiceCollection services)
    {
        services.AddSingleton<PrometheusInvocationSink>();
        services.AddSingleton<IInvocationReportSink>(provider => provider.GetRequiredService<PrometheusInvocationSink>());
        services.AddSingleton<PrometheusIteratorAges>();
        services.AddSingleton<PrometheusEndpoint>();
        return services;
    }

    /// <summary>Maps <c>GET /_nimbus/metrics</c> (Prometheus text format 0.0.4).</summary>
    public static IEndpointRouteBuilder MapNimbusMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_nimbus/metrics", endpoints.ServiceProvider.GetRequiredService<PrometheusEndpoint>().WriteAsync);
        return endpoints;
    }
}
