using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.CloudWatch;

public static class CloudWatchServiceCollectionExtensions
{
    /// <summary>CloudWatch Logs: the log store (also the <see cref="Core.Logs.ILogIngestion"/> seam) and its API.</summary>
    public static IServiceCollection AddNimbusCloudWatch(this IServiceCollection services)
    {
        return services;
    }
}
