using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nimbus.CloudWatch.Logs;
using Nimbus.CloudWatch.Logs.Api;
using Nimbus.CloudWatch.Logs.Store;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.CloudWatch.Prometheus;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Metering;
using Nimbus.Core.Storage;
using Nimbus.Protocol;

namespace Nimbus.CloudWatch;

public static class CloudWatchServiceCollectionExtensions
{
    /// <summary>
    /// CloudWatch Logs and metrics. Logs: the log store (SQLite at <c>db/logs.db</c> in the data directory), the
    /// <see cref="ILogIngestion"/> seam (a background writer, flushed on shutdown) and the Logs API on the edge.
    /// Needs <see cref="NimbusPaths"/> registered; uses <see cref="TimeProvider.System"/> unless another is.
    /// </summary>
    public static IServiceCollection AddNimbusCloudWatch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<LogsCounters>();
        services.AddSingleton<ILogStore>(provider =>
            SqliteLogStore.Open(provider.GetRequiredService<NimbusPaths>().Database("logs")));
        services.AddSingleton<LogsService>();
        services.AddSingleton<LogIngestion>();
        services.AddSingleton<ILogIngestion>(provider => provider.GetRequiredService<LogIngestion>());
        // Stopping the host drains the ingestion queue, so no appended log line is lost on a clean shutdown.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<LogIngestion>());
        services.AddSingleton<LogRetention>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<LogRetention>());
        services.AddSingleton<Logs.Insights.Store.IQueryStore>(provider =>
            new Logs.Insights.Store.SqliteQueryStore(new SqliteDatabase(provider.GetRequiredService<NimbusPaths>().Database("insights"))));
        services.AddSingleton<Logs.Insights.InsightsService>();
        services.AddSingleton<Logs.LiveTail.LiveTailService>();
        services.AddSingleton<LogsHandler>();
        services.AddSingleton<IAwsServiceHandler>(provider => provider.GetRequiredService<LogsHandler>());
        AddMetrics(services);
        services.AddNimbusPrometheus();
        return services;
    }

    /// <summary>
    /// CloudWatch metrics: the metric store (SQLite at <c>db/metrics.db</c>), the retention job, the metrics API on
    /// the edge (signing name <c>monitoring</c>) and the <see cref="IInvocationReportSink"/> that publishes
    /// <c>AWS/Lambda</c> metrics, and the <see cref="IMetricPublisher"/> other services publish their own metrics through.
    /// </summary>
    private static void AddMetrics(IServiceCollection services)
    {
        services.AddSingleton<IMetricStore>(provider =>
            new SqliteMetricStore(new SqliteDatabase(provider.GetRequiredService<NimbusPaths>().Database("metrics"))));
        services.AddSingleton<MetricsService>();
        services.AddSingleton<MetricRetention>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<MetricRetention>());
        services.AddSingleton<MetricsWriter>();
        services.AddSingleton<LambdaMetricsSink>();
        services.AddSingleton<IInvocationReportSink>(provider => provider.GetRequiredService<LambdaMetricsSink>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<LambdaMetricsSink>());
        services.AddSingleton<ServiceMetricsSink>();
        services.AddSingleton<IMetricPublisher, CloudWatchMetricPublisher>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ServiceMetricsSink>());
        Alarms.AlarmsRegistration.AddAlarms(services);
        services.AddSingleton<MetricsHandler>();
        services.AddSingleton<IAwsServiceHandler>(provider => provider.GetRequiredService<MetricsHandler>());
    }
}
