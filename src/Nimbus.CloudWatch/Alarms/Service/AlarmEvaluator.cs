using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Store;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// Evaluates every alarm once per period, as CloudWatch does: when a period has ended (plus <see cref="AlarmEvaluation.Grace"/> for
/// values still queued by publishers), the alarm's series over its evaluation range is read and <see cref="AlarmEvaluation"/>
/// decides the state. A pass reads each distinct metric once (<see cref="MetricsService.StatisticSeries"/>; metric-math
/// alarms through <see cref="MetricsService.GetMetricData"/>) and stores all outcomes in one transaction, so a pass over
/// thousands of alarms costs one fsync, not one per alarm. Driven by <see cref="TimeProvider"/>, so tests move a fake
/// clock and call <see cref="EvaluateAsync"/>. Also trims history older than 30 days.
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

    /// <summary>
    /// One pass over all alarms: each whose latest complete period was not yet evaluated is evaluated now. Single-metric
    /// alarms of a scope are read together (each distinct metric once); all outcomes are stored in one transaction.
    /// </summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var all = _store.ListAll();
            // Composite alarms have no metric: they are evaluated when their children change (AlarmsService).
            var due = all
                .Where(alarm => !alarm.IsComposite)
                .Select(alarm => (Alarm: alarm, End: AlarmEvaluation.LastCompletePeriodEnd(alarm, now)))
                .Where(d => d.End > d.Alarm.LastEvaluatedEnd)
                .ToList();
            var results = new List<AlarmEvaluationResult>(due.Count);
            foreach (var scope in due.Where(d => d.Alarm.Metrics is null).GroupBy(d => new AwsScope(d.Alarm.AccountId, d.Alarm.Region)))
            {
                EvaluateSingleMetric(scope.Key, scope.ToList(), now, results);
            }
            foreach (var (alarm, end) in due.Where(d => d.Alarm.Metrics is not null))
            {
                Evaluate(alarm, end, now, () => MathSeries(alarm, end), results);
            }
            _alarms.ApplyEvaluations(results);
            if (all.Any(alarm => alarm.PendingActions is not null))
            {
                _alarms.ReleasePendingActions();
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

    private void EvaluateSingleMetric(AwsScope scope, List<(MetricAlarm Alarm, long End)> due, DateTimeOffset now, List<AlarmEvaluationResult> results)
    {
        IReadOnlyList<SortedDictionary<long, double>> series;
        try
        {
            series = _metrics.StatisticSeries(scope, due.Select(d => new StatisticSeriesRequest(
                new Metrics.Model.MetricIdentity(d.Alarm.Namespace!, d.Alarm.MetricName!, d.Alarm.Dimensions), d.Alarm.Unit,
                d.Alarm.Statistic ?? d.Alarm.ExtendedStatistic!, d.Alarm.EvaluatedPeriod,
                DateTimeOffset.FromUnixTimeSeconds(RangeStart(d.Alarm, d.End)), DateTimeOffset.FromUnixTimeSeconds(d.End))).ToList());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            foreach (var (alarm, _) in due)
            {
                LogEvaluationFailed(_logger, exception, alarm.AlarmName);
            }
            return;
        }
        for (var i = 0; i < due.Count; i++)
        {
            var values = series[i];
            Evaluate(due[i].Alarm, due[i].End, now, () => values, results);
        }
    }

    private void Evaluate(MetricAlarm alarm, long end, DateTimeOffset now, Func<IReadOnlyDictionary<long, double>> series, List<AlarmEvaluationResult> results)
    {
        try
        {
            results.Add(new AlarmEvaluationResult(alarm, AlarmEvaluation.Evaluate(alarm, series(), end, now), end));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogEvaluationFailed(_logger, exception, alarm.AlarmName);
        }
    }

    private static long RangeStart(MetricAlarm alarm, long end) => end - (long)(alarm.EvaluationPeriods + AlarmEvaluation.ExtraPeriods) * alarm.EvaluatedPeriod;

    /// <summary>A metric-math alarm's evaluated series over the evaluation range, period start → value.</summary>
    private Dictionary<long, double> MathSeries(MetricAlarm alarm, long end)
    {
        var queries = alarm.Metrics!.Select(Query).ToList();
        var result = _metrics.GetMetricData(new AwsScope(alarm.AccountId, alarm.Region), new GetMetricDataCommand(
            queries, DateTimeOffset.FromUnixTimeSeconds(RangeStart(alarm, end)), DateTimeOffset.FromUnixTimeSeconds(end), null, "TimestampAscending", null));
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
