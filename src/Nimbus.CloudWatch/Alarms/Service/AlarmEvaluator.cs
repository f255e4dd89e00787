using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Store;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// Evaluates every alarm once per period, as CloudWatch does: when a period has ended (plus <see cref="AlarmEvaluation.Grace"/> for
/// values still queued by publishers), the alarm's series is read through <see cref="MetricsService.GetMetricData"/>
/// over its evaluation range and <see cref="AlarmEvaluation"/> decides the state. Driven by <see cref="TimeProvider"/>,
/// so tests move a fake clock and call <see cref="EvaluateAsync"/>. Also trims history older than 30 days.
/// </summary>
public sealed partial class AlarmEvaluator : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan HistoryRetention = TimeSpan.FromDays(30);

    private readonly IAlarmStore _store;
    private readonly AlarmsService _alarms;
    private readonly MetricsService _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmEvaluator> _logger;
    private readonly SemaphoreSlim _pass = new(1, 1);

    public AlarmEvaluator(IAlarmStore store, AlarmsService alarms, MetricsService metrics, TimeProvider time, ILogger<AlarmEvaluator> logger)
    {
        _store = store;
        _alarms = alarms;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>One pass over all alarms: each whose latest complete period was not yet evaluated is evaluated now.</summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            foreach (var alarm in _store.ListAll())
            {
                var end = AlarmEvaluation.LastCompletePeriodEnd(alarm, now);
                if (end <= alarm.LastEvaluatedEnd)
                {
                    continue;
                }
                try
                {
                    var values = Series(alarm, end);
                    var outcome = AlarmEvaluation.Evaluate(alarm, values, end, now);
                    _alarms.ApplyEvaluation(alarm, outcome, end);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogEvaluationFailed(_logger, exception, alarm.AlarmName);
                }
            }
            _store.TrimHistory(now - HistoryRetention);
        }
        finally
        {
            _pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EvaluateAsync(stoppingToken);
                await Task.Delay(Interval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPassFailed(_logger, exception);
            }
        }
    }

    /// <summary>The evaluated series over the evaluation range, period start → value.</summary>
    private Dictionary<long, double> Series(MetricAlarm alarm, long end)
    {
        var period = alarm.EvaluatedPeriod;
        var start = end - (long)(alarm.EvaluationPeriods + AlarmEvaluation.ExtraPeriods) * period;
        var queries = alarm.Metrics?.Select((q, i) => Query(q, i)).ToList() ?? [Query(new AlarmQuery
        {
            Id = "m1",
            Namespace = alarm.Namespace,
            MetricName = alarm.MetricName,
            Dimensions = alarm.Dimensions,
            Period = alarm.Period,
            Stat = alarm.Statistic ?? alarm.ExtendedStatistic,
            Unit = alarm.Unit,
        }, 0)];
        var result = _metrics.GetMetricData(new AwsScope(alarm.AccountId, alarm.Region), new GetMetricDataCommand(
            queries, DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end), null, "TimestampAscending", null));
        var returned = result.Results.Single();
        var values = new Dictionary<long, double>();
        for (var i = 0; i < returned.Timestamps.Count; i++)
        {
            values[returned.Timestamps[i].ToUnixTimeSeconds()] = returned.Values[i];
        }
        return values;
    }

    private static MetricDataQueryInput Query(AlarmQuery query, int index) => new(
        $"Metrics.member.{index + 1}",
        query.Id,
        query.IsMetricStat
            ? new MetricStatInput(new Metrics.Model.MetricIdentity(query.Namespace!, query.MetricName!, query.Dimensions), query.Period, query.Stat, query.Unit)
            : null,
        query.Expression,
        query.Label,
        query.ReturnData != false,
        query.IsMetricStat ? null : query.Period);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Evaluating alarm {AlarmName} failed; it keeps its state")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string alarmName);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Error, Message = "An alarm evaluation pass failed; it will be retried")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
