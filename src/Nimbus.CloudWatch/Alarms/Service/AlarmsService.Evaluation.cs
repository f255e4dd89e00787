using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

public sealed partial class AlarmsService
{
    /// <summary>
    /// Applies one evaluation pass: every alarm's new state, evaluation mark and history item are written in one
    /// transaction (one fsync for the pass, not one per alarm), then the actions of the alarms whose state changed
    /// start. An evaluation of an alarm that changed since it was read (deleted, reconfigured, or its state set) is
    /// dropped: the next pass evaluates the current alarm instead.
    /// </summary>
    internal void ApplyEvaluations(IReadOnlyList<AlarmEvaluationResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }
        var started = new List<(MetricAlarm After, MetricAlarm Before)>();
        lock (_changes)
        {
            var current = _store.ListAll().ToDictionary(a => (a.AccountId, a.Region, a.AlarmName));
            var now = _time.GetUtcNow();
            var alarms = new List<MetricAlarm>(results.Count);
            var history = new List<AlarmHistoryItem>();
            foreach (var (evaluated, outcome, evaluatedEnd) in results)
            {
                if (!current.TryGetValue((evaluated.AccountId, evaluated.Region, evaluated.AlarmName), out var alarm)
                    || alarm.AlarmConfigurationUpdatedTimestamp != evaluated.AlarmConfigurationUpdatedTimestamp
                    || alarm.LastEvaluatedEnd != evaluated.LastEvaluatedEnd || alarm.StateUpdatedTimestamp != evaluated.StateUpdatedTimestamp)
                {
                    continue;
                }
                var (after, item) = Transitioned(alarm, outcome?.State ?? alarm.StateValue, outcome?.Reason ?? alarm.StateReason,
                    outcome is null ? alarm.StateReasonData : outcome.ReasonData, evaluatedEnd, now);
                alarms.Add(after);
                if (item is not null)
                {
                    history.Add(item);
                    started.Add((after, alarm));
                }
            }
            _store.PutMany(alarms, history);
            // Composites above the alarms that changed are evaluated now, in the same pass.
            foreach (var scope in started.ToList().GroupBy(s => new AwsScope(s.After.AccountId, s.After.Region)))
            {
                started.AddRange(CascadeAndStore(scope.Key, scope.Select(s => s.After).ToList()));
            }
        }
        DispatchAll(started);
    }
}
