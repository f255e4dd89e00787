using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.CloudWatch.Metrics.Store;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Metrics.Lambda;

/// <summary>
/// Turns Lambda's invocation reports into <c>AWS/Lambda</c> metrics. <see cref="Publish"/> only enqueues (it runs
/// on the invoke path); a background writer drains the queue, aggregates per one-minute bucket in memory and
/// writes each batch in one transaction, so thousands of invocations a second cost a few row updates. The queue
/// is bounded: if storage falls that far behind, reports are dropped with a warning rather than stalling invokes.
/// Stopping the host drains the queue.
/// </summary>
public sealed class LambdaMetricsSink : BackgroundService, IInvocationReportSink
{
    public const int QueueCapacity = 100_000;

    private readonly Channel<FunctionInvocationReport> _queue = Channel.CreateBounded<FunctionInvocationReport>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LambdaMetricsSink> _logger;
    private long _published;
    private long _written;
    private TaskCompletionSource _batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LambdaMetricsSink(IMetricStore store, TimeProvider time, ILogger<LambdaMetricsSink> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    public void Publish(FunctionInvocationReport report)
    {
        if (_queue.Writer.TryWrite(report))
        {
            Interlocked.Increment(ref _published);
        }
        else
        {
            MetricsLogMessages.LambdaMetricsDropped(_logger, report.FunctionName);
        }
    }

    /// <summary>Completes once every report published before the call is stored (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _published);
        while (Interlocked.Read(ref _written) < target)
        {
            await Volatile.Read(ref _batchDone).Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stores reports synchronously (the writer loop's step; also used by tests).</summary>
    public void Store(IReadOnlyList<FunctionInvocationReport> reports)
    {
        var accumulator = new MetricAccumulator(AwsScope.Default);
        foreach (var report in reports)
        {
            foreach (var (metric, value, unit) in LambdaMetricSet.For(report))
            {
                accumulator.Bucket(report.Scope, metric, MetricResolutions.Minute, report.Timestamp, unit).Add(value);
            }
        }
        _store.Write(accumulator.Drain(), _time.GetUtcNow());
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<FunctionInvocationReport>();
        // Not tied to stoppingToken: after StopAsync completes the channel, the loop drains what is left and ends.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 10_000 && _queue.Reader.TryRead(out var report))
            {
                batch.Add(report);
            }
            try
            {
                Store(batch);
            }
            catch (Exception exception)
            {
                MetricsLogMessages.LambdaMetricsWriteFailed(_logger, exception, batch.Count);
            }
            Interlocked.Add(ref _written, batch.Count);
            batch.Clear();
            Interlocked.Exchange(ref _batchDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
