using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// A composite alarm's actions suppressor. At a transition: the suppressor in ALARM suppresses the actions
/// (<c>Alarm</c>); a suppressor that left ALARM less than ExtensionPeriod seconds ago holds them until that period
/// ends (<c>ExtensionPeriod</c>); otherwise a WaitPeriod holds them that long for the suppressor to go into ALARM
/// (<c>WaitPeriod</c>). Held actions are released, or suppressed for good if the suppressor went into ALARM, by the
/// evaluator's pass (every <see cref="AlarmEvaluator.Interval"/>).
/// </summary>
public sealed partial class AlarmsService
{
    private static MetricAlarm Suppressed(AwsScope scope, MetricAlarm after, MetricAlarm before, Dictionary<string, MetricAlarm> alarms, DateTimeOffset now)
    {
        var cleared = after with { ActionsSuppressedBy = null, ActionsSuppressedReason = null, PendingActions = null };
        if (after.ActionsSuppressor is not { } reference)
        {
            return cleared;
        }
        var name = NameOf(scope, reference);
        var suppressor = alarms.GetValueOrDefault(name);
        if (suppressor?.StateValue == AlarmStates.Alarm)
        {
            return cleared with { ActionsSuppressedBy = "Alarm", ActionsSuppressedReason = $"Alarm {name} is in ALARM state" };
        }
        var extension = TimeSpan.FromSeconds(after.ActionsSuppressorExtensionPeriod ?? 0);
        if (suppressor is { PreviousStateValue: AlarmStates.Alarm } && now < suppressor.StateTransitionedTimestamp + extension)
        {
            return Held(cleared, before, "ExtensionPeriod", suppressor.StateTransitionedTimestamp + extension,
                $"Extension period of {extension.TotalSeconds:0} seconds after alarm {name} left ALARM state");
        }
        var wait = after.ActionsSuppressorWaitPeriod ?? 0;
        return wait > 0
            ? Held(cleared, before, "WaitPeriod", now.AddSeconds(wait), $"Waiting up to {wait} seconds for alarm {name} to go into ALARM state")
            : cleared;
    }

    private static MetricAlarm Held(MetricAlarm after, MetricAlarm before, string by, DateTimeOffset due, string reason) => after with
    {
        ActionsSuppressedBy = by,
        ActionsSuppressedReason = reason,
        PendingActions = new PendingActions(due, before.StateValue, before.StateReason, before.StateReasonData, before.StateUpdatedTimestamp),
    };

    /// <summary>Releases held actions whose period is over, or suppresses them when the suppressor is now in ALARM.</summary>
    internal void ReleasePendingActions()
    {
        var started = new List<(MetricAlarm After, MetricAlarm Before)>();
        lock (_changes)
        {
            var now = _time.GetUtcNow();
            var all = _store.ListAll();
            var changes = new List<MetricAlarm>();
            foreach (var alarm in all.Where(a => a.PendingActions is not null))
            {
                var scope = new AwsScope(alarm.AccountId, alarm.Region);
                var suppressorName = NameOf(scope, alarm.ActionsSuppressor ?? "");
                var suppressor = all.FirstOrDefault(a => a.AccountId == alarm.AccountId && a.Region == alarm.Region && a.AlarmName == suppressorName);
                if (suppressor?.StateValue == AlarmStates.Alarm)
                {
                    changes.Add(alarm with { ActionsSuppressedBy = "Alarm", ActionsSuppressedReason = $"Alarm {suppressorName} is in ALARM state", PendingActions = null });
                }
                else if (now >= alarm.PendingActions!.Due)
                {
                    var released = alarm with { ActionsSuppressedBy = null, ActionsSuppressedReason = null, PendingActions = null };
                    var pending = alarm.PendingActions;
                    changes.Add(released);
                    started.Add((released, released with
                    {
                        StateValue = pending.PreviousState,
                        StateReason = pending.PreviousReason,
                        StateReasonData = pending.PreviousReasonData,
                        StateUpdatedTimestamp = pending.PreviousUpdated,
                    }));
                }
            }
            _store.PutMany(changes, []);
        }
        DispatchAll(started);
    }
}
