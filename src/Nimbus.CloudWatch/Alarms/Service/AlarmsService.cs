using System.Text.Json;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Store;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// CloudWatch metric alarms without HTTP: configuration, state changes (from <see cref="AlarmEvaluator"/> or
/// SetAlarmState), history and tags. Every state transition is stored with its history item in one transaction,
/// then its actions are handed to <see cref="AlarmActionDispatcher"/>.
/// </summary>
public sealed partial class AlarmsService
{
    /// <summary>Nimbus's quota of metric alarms per account and region (PutMetricAlarm's LimitExceeded beyond it).</summary>
    public const int MaxAlarms = 10_000;

    public const string InitialReason = "Unchecked: Initial alarm creation";

    private readonly IAlarmStore _store;
    private readonly TimeProvider _time;
    private readonly AlarmActionDispatcher _actions;

    /// <summary>
    /// Serializes changes to alarms (API calls and the evaluator's results), so an evaluation of a stale snapshot never
    /// overwrites a configuration or state written meanwhile. One node: cluster mode would make this a row version.
    /// </summary>
    private readonly Lock _changes = new();

    public AlarmsService(IAlarmStore store, TimeProvider time, AlarmActionDispatcher actions)
    {
        _store = store;
        _time = time;
        _actions = actions;
    }

    /// <summary>
    /// Creates or replaces an alarm. <paramref name="draft"/> carries the request's configuration (its identity and
    /// state members are filled here). As on AWS an update keeps the state and ignores <c>Tags</c>.
    /// </summary>
    public void PutMetricAlarm(AwsScope scope, MetricAlarm draft)
    {
        AlarmValidation.Alarm(draft);
        lock (_changes)
        {
            Put(scope, draft);
        }
    }

    private void Put(AwsScope scope, MetricAlarm draft)
    {
        var now = _time.GetUtcNow();
        var existing = _store.Get(scope, draft.AlarmName);
        if (existing is not null && existing.IsComposite != draft.IsComposite)
        {
            // Metric and composite alarms share the alarm ARN and so one name space; one kind does not replace the other.
            throw MetricsErrors.Validation($"The alarm {draft.AlarmName} already exists as a {(existing.IsComposite ? "composite" : "metric")} alarm.");
        }
        if (existing is null && _store.Count(scope) >= MaxAlarms)
        {
            throw MetricsErrors.LimitExceeded($"The maximum number of alarms ({MaxAlarms:N0}) has been reached for this account and region.");
        }
        var alarm = draft with
        {
            AccountId = scope.AccountId,
            Region = scope.Region,
            AlarmArn = Arn.Build("cloudwatch", scope, "alarm:" + draft.AlarmName),
            AlarmConfigurationUpdatedTimestamp = now,
            StateValue = existing?.StateValue ?? AlarmStates.InsufficientData,
            StateReason = existing?.StateReason ?? InitialReason,
            StateReasonData = existing?.StateReasonData,
            StateUpdatedTimestamp = existing?.StateUpdatedTimestamp ?? now,
            StateTransitionedTimestamp = existing?.StateTransitionedTimestamp ?? now,
            Tags = existing?.Tags ?? draft.Tags,
            LastEvaluatedEnd = 0,
            // State that belongs to the state, not the configuration: an update keeps it.
            PreviousStateValue = existing?.PreviousStateValue,
            ActionsSuppressedBy = existing?.ActionsSuppressedBy,
            ActionsSuppressedReason = existing?.ActionsSuppressedReason,
            PendingActions = existing?.PendingActions,
        };
        _store.Put(alarm, AlarmHistory.Configuration(alarm, existing is null ? "created" : "updated", now));
    }

    public void DeleteAlarms(AwsScope scope, IReadOnlyList<string> names)
    {
        Names(names);
        lock (_changes)
        {
            Delete(scope, names);
        }
    }

    private void Delete(AwsScope scope, IReadOnlyList<string> names)
    {
        var found = names.Distinct(StringComparer.Ordinal).Select(n => (Name: n, Alarm: _store.Get(scope, n))).ToList();
        var missing = found.Where(f => f.Alarm is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            // AWS deletes nothing when any name is wrong.
            throw MetricsErrors.ResourceNotFound($"{missing.Count} of the alarms specified could not be found: {string.Join(", ", missing)}");
        }
        Dependents(scope, found.Select(f => f.Alarm!).ToList());
        var now = _time.GetUtcNow();
        _store.Delete(scope, found.Select(f => f.Name).ToList());
        foreach (var (_, alarm) in found)
        {
            _store.AddHistory(AlarmHistory.Configuration(alarm!, "deleted", now));
        }
    }

    /// <summary>SetAlarmState: the state holds until the next evaluation; a change runs the new state's actions.</summary>
    public void SetAlarmState(AwsScope scope, string? name, string? state, string? reason, string? reasonData)
    {
        MetricsValidation.Text(name, "AlarmName", 255);
        if (state is null)
        {
            throw MetricsErrors.MissingParameter("StateValue");
        }
        if (!AlarmStates.All.Contains(state))
        {
            throw MetricsErrors.InvalidValue("StateValue", state);
        }
        if (reason is null)
        {
            throw MetricsErrors.MissingParameter("StateReason");
        }
        if (reason.Length > 1023)
        {
            throw MetricsErrors.InvalidValue("StateReason", reason);
        }
        if (reasonData is not null && (reasonData.Length > 4000 || !IsJson(reasonData)))
        {
            throw MetricsErrors.InvalidFormat("Invalid JSON in StateReasonData.");
        }
        lock (_changes)
        {
            var alarm = _store.Get(scope, name!) ?? throw MetricsErrors.ResourceNotFound($"Alarm {name} not found");
            // The set state holds until the next period's evaluation, as on AWS: mark the current period as evaluated.
            Transition(alarm, state, reason, reasonData, Math.Max(alarm.LastEvaluatedEnd, AlarmEvaluation.LastCompletePeriodEnd(alarm, _time.GetUtcNow())));
        }
    }

    /// <summary>Enables or disables the actions of the named alarms; names that do not exist are ignored, as on AWS.</summary>
    public void SetActionsEnabled(AwsScope scope, IReadOnlyList<string> names, bool enabled)
    {
        Names(names);
        lock (_changes)
        {
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (_store.Get(scope, name) is { } alarm && alarm.ActionsEnabled != enabled)
                {
                    _store.Put(alarm with { ActionsEnabled = enabled });
                }
            }
        }
    }

    /// <summary>
    /// Moves the alarm to <paramref name="state"/>: a change of state is stored with its history item and starts the
    /// new state's actions; the same state again only refreshes the evaluation mark.
    /// </summary>
    private void Transition(MetricAlarm alarm, string state, string reason, string? reasonData, long evaluatedEnd)
    {
        var change = Transitioned(alarm, state, reason, reasonData, evaluatedEnd, _time.GetUtcNow());
        var scope = new AwsScope(alarm.AccountId, alarm.Region);
        var after = change.After.IsComposite && change.History is not null
            ? Suppressed(scope, change.After, alarm, _store.List(scope).ToDictionary(a => a.AlarmName, StringComparer.Ordinal), _time.GetUtcNow())
            : change.After;
        _store.Put(after, change.History is { } item ? [item] : []);
        if (change.History is not null)
        {
            List<(MetricAlarm After, MetricAlarm Before)> started = [(after, alarm), .. CascadeAndStore(scope, [after])];
            DispatchAll(started);
        }
    }

    /// <summary>
    /// DeleteAlarms' rules for composites: at most one composite alarm per call, and no alarm that a remaining composite
    /// alarm's rule (or actions suppressor) names — so an alarm in a cycle of composites cannot be deleted, as on AWS.
    /// </summary>
    private void Dependents(AwsScope scope, IReadOnlyList<MetricAlarm> deleting)
    {
        if (deleting.Count(a => a.IsComposite) > 1)
        {
            throw MetricsErrors.Validation("You can delete at most one composite alarm in one DeleteAlarms operation.");
        }
        var names = deleting.Select(a => a.AlarmName).ToHashSet(StringComparer.Ordinal);
        foreach (var composite in _store.List(scope).Where(a => a.IsComposite && !names.Contains(a.AlarmName)))
        {
            var used = AlarmRule.Parse(composite.AlarmRule!).References.Append(composite.ActionsSuppressor ?? "").Select(r => NameOf(scope, r));
            if (used.FirstOrDefault(names.Contains) is { } name)
            {
                throw MetricsErrors.Validation($"Cannot delete {name} as there are composite alarm(s) depending on it.");
            }
        }
    }

    /// <summary>The alarm after moving to <paramref name="state"/>, with the history item when the state changed.</summary>
    private static (MetricAlarm After, AlarmHistoryItem? History) Transitioned(
        MetricAlarm alarm, string state, string reason, string? reasonData, long evaluatedEnd, DateTimeOffset now)
    {
        if (alarm.StateValue == state)
        {
            return (alarm with { LastEvaluatedEnd = evaluatedEnd }, null);
        }
        var after = alarm with
        {
            StateValue = state,
            StateReason = reason,
            StateReasonData = reasonData,
            StateUpdatedTimestamp = now,
            StateTransitionedTimestamp = now,
            LastEvaluatedEnd = evaluatedEnd,
            PreviousStateValue = alarm.StateValue,
        };
        return (after, AlarmHistory.State(alarm, after, now));
    }

    private static void Names(IReadOnlyList<string> names)
    {
        if (names.Count > 100)
        {
            throw MetricsErrors.InvalidParameterValue("The collection AlarmNames must not have a size greater than 100.");
        }
        for (var i = 0; i < names.Count; i++)
        {
            MetricsValidation.Text(names[i], $"AlarmNames.member.{i + 1}", 255);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
