using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// Composite alarms: PutCompositeAlarm and the evaluation of rules. A composite is evaluated when it is put and
/// whenever an alarm its rule references changes state (by evaluation or SetAlarmState), transitively up through
/// composites of composites; each composite changes at most once per cascade, so a cycle stops, as CloudWatch stops
/// evaluating a cycle. The rule decides between ALARM and OK only: a composite is INSUFFICIENT_DATA only before its
/// first evaluation.
/// </summary>
public sealed partial class AlarmsService
{
    public void PutCompositeAlarm(AwsScope scope, MetricAlarm draft)
    {
        var rule = CompositeAlarmValidation.Validate(draft);
        List<(MetricAlarm After, MetricAlarm Before)> started;
        lock (_changes)
        {
            var alarms = _store.List(scope).ToDictionary(a => a.AlarmName, StringComparer.Ordinal);
            var missing = rule.References.Where(r => !alarms.ContainsKey(NameOf(scope, r))).ToList();
            if (missing.Count > 0)
            {
                throw MetricsErrors.Validation($"Could not save the composite alarm as alarms [{string.Join(", ", missing)}] in the alarm rule do not exist");
            }
            if (draft.ActionsSuppressor is { } suppressor && !alarms.ContainsKey(NameOf(scope, suppressor)))
            {
                throw MetricsErrors.Validation($"Could not save the composite alarm as the actions suppressor alarm [{suppressor}] does not exist");
            }
            Put(scope, draft with { ComparisonOperator = "", EvaluationPeriods = 0 });
            var stored = _store.Get(scope, draft.AlarmName)!;
            alarms[stored.AlarmName] = stored;
            started = new List<(MetricAlarm, MetricAlarm)>();
            var changes = new List<MetricAlarm>();
            var history = new List<AlarmHistoryItem>();
            // Its first evaluation (and the one after an update), with every referenced alarm as the trigger.
            if (EvaluateComposite(scope, stored, rule, rule.References.Select(r => alarms.GetValueOrDefault(NameOf(scope, r))).OfType<MetricAlarm>().ToList(),
                alarms, _time.GetUtcNow()) is { } change)
            {
                alarms[stored.AlarmName] = change.After;
                changes.Add(change.After);
                history.Add(change.History);
                started.Add((change.After, stored));
                Cascade(scope, [change.After], alarms, changes, history, started);
            }
            _store.PutMany(changes, history);
        }
        DispatchAll(started);
    }

    /// <summary>
    /// Re-evaluates the composites above the alarms that just changed state and stores their transitions (one
    /// transaction), returning the actions to start. Runs under <see cref="_changes"/>.
    /// </summary>
    private List<(MetricAlarm After, MetricAlarm Before)> CascadeAndStore(AwsScope scope, IReadOnlyList<MetricAlarm> changed)
    {
        var started = new List<(MetricAlarm, MetricAlarm)>();
        var alarms = _store.List(scope).ToDictionary(a => a.AlarmName, StringComparer.Ordinal);
        if (!alarms.Values.Any(a => a.IsComposite))
        {
            return started;
        }
        var changes = new List<MetricAlarm>();
        var history = new List<AlarmHistoryItem>();
        Cascade(scope, changed, alarms, changes, history, started);
        _store.PutMany(changes, history);
        return started;
    }

    private void Cascade(AwsScope scope, IReadOnlyList<MetricAlarm> changed, Dictionary<string, MetricAlarm> alarms,
        List<MetricAlarm> changes, List<AlarmHistoryItem> history, List<(MetricAlarm After, MetricAlarm Before)> started)
    {
        var now = _time.GetUtcNow();
        var done = new HashSet<string>(changed.Select(c => c.AlarmName), StringComparer.Ordinal);
        var queue = new Queue<MetricAlarm>(changed);
        var composites = alarms.Values.Where(a => a.IsComposite).Select(a => (a.AlarmName, Rule: AlarmRule.Parse(a.AlarmRule!))).ToList();
        while (queue.TryDequeue(out var child))
        {
            foreach (var (name, rule) in composites)
            {
                if (done.Contains(name) || !rule.References.Any(r => NameOf(scope, r) == child.AlarmName))
                {
                    continue;
                }
                var parent = alarms[name];
                if (EvaluateComposite(scope, parent, rule, [child], alarms, now) is { } change)
                {
                    alarms[name] = change.After;
                    changes.RemoveAll(c => c.AlarmName == name);
                    changes.Add(change.After);
                    history.Add(change.History);
                    started.Add((change.After, parent));
                    done.Add(name);
                    queue.Enqueue(change.After);
                }
            }
        }
    }

    /// <summary>The composite's transition when its rule's verdict differs from its state, else null.</summary>
    private (MetricAlarm After, AlarmHistoryItem History)? EvaluateComposite(AwsScope scope, MetricAlarm composite, AlarmRule rule,
        IReadOnlyList<MetricAlarm> triggering, Dictionary<string, MetricAlarm> alarms, DateTimeOffset now)
    {
        var state = rule.Evaluate(r => alarms.GetValueOrDefault(NameOf(scope, r))?.StateValue) ? AlarmStates.Alarm : AlarmStates.Ok;
        if (composite.StateValue == state)
        {
            return null;
        }
        var (reason, data) = CompositeReason(triggering, state);
        var (after, item) = Transitioned(composite, state, reason, data, composite.LastEvaluatedEnd, now);
        return (Suppressed(scope, after, composite, alarms, now), item!);
    }

    /// <summary>
    /// CloudWatch's reason for a composite's transition: <c>{child ARN} transitioned to {state} at {time}</c>, and the
    /// triggering alarms with their states as JSON.
    /// </summary>
    private static (string Reason, string Data) CompositeReason(IReadOnlyList<MetricAlarm> triggering, string state)
    {
        var first = triggering.FirstOrDefault();
        var reason = first is null
            ? $"The alarm rule evaluated to {(state == AlarmStates.Alarm ? "TRUE" : "FALSE")}"
            : $"{first.AlarmArn} transitioned to {first.StateValue} at {AlarmText.LongTime(first.StateUpdatedTimestamp)}";
        var data = AlarmHistory.Json(json =>
        {
            json.WriteStartArray("triggeringAlarms");
            foreach (var alarm in triggering)
            {
                json.WriteStartObject();
                json.WriteString("arn", alarm.AlarmArn);
                json.WriteStartObject("state");
                json.WriteString("value", alarm.StateValue);
                json.WriteString("timestamp", AlarmText.Timestamp(alarm.StateUpdatedTimestamp));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
        return (reason, data);
    }

    private void DispatchAll(IEnumerable<(MetricAlarm After, MetricAlarm Before)> started)
    {
        foreach (var (after, before) in started)
        {
            if (after.ActionsSuppressedBy is null)
            {
                _actions.Dispatch(after, before);
            }
        }
    }

    /// <summary>An alarm reference of a rule (a name, or the ARN of an alarm of this account and region) as the alarm's name.</summary>
    internal static string NameOf(AwsScope scope, string reference) =>
        reference.StartsWith("arn:", StringComparison.Ordinal) && Arn.TryParse(reference, out var arn) && arn.Service == "cloudwatch"
            && arn.AccountId == scope.AccountId && arn.Region == scope.Region && arn.Resource.StartsWith("alarm:", StringComparison.Ordinal)
            ? arn.Resource["alarm:".Length..]
            : reference;
}
