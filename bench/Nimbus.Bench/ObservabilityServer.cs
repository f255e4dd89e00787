using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Nimbus.Core.Logs;
using Nimbus.Core.Metering;
using Nimbus.Server;

namespace Nimbus.Bench;

/// <summary>
/// One side of the observability benchmark as a process of its own (<c>observability-server on|off &lt;data dir&gt;</c>):
/// "on" is the server as shipped, "off" has every invocation report sink and metric publisher removed and discards
/// function logs. Separate processes give each side its own heap, thread pool and CPU account, so one side's
/// collections and writer threads never land on the other's rounds. Prints <c>endpoint &lt;url&gt;</c> once listening;
/// answers a <c>gc</c> line on stdin with its collection counts; stops when stdin closes.
/// </summary>
internal static class ObservabilityServer
{
    public static async Task RunAsync(string[] args)
    {
        var observed = args[0] switch
        {
            "on" => true,
            "off" => false,
            _ => throw new ArgumentException("observability-server on|off <data directory>"),
        };
        await using var host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, DataDirectory = args[1] },
            logging => logging.SetMinimumLevel(LogLevel.Warning), observed ? null : RemoveObservability);
        Console.WriteLine($"endpoint {host.Endpoint} {(GCSettings.IsServerGC ? "server-gc" : "workstation-gc")}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "gc")
            {
                Console.WriteLine($"gc {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}");
            }
        }
    }

    private static void RemoveObservability(IServiceCollection services)
    {
        services.RemoveAll<IInvocationReportSink>();
        services.RemoveAll<IMetricPublisher>();
        services.RemoveAll<ILogIngestion>();
        services.AddSingleton<ILogIngestion, DiscardingLogIngestion>();
    }
}
