namespace Nimbus.CloudWatch.Alarms.Model;

/// <summary>
/// A composite alarm's transition whose actions wait for its actions suppressor (WaitPeriod or ExtensionPeriod): due
/// at <paramref name="Due"/> unless the suppressor goes into ALARM first. Keeps the state before the transition for
/// the action's event.
/// </summary>
public sealed record PendingActions(DateTimeOffset Due, string PreviousState, string PreviousReason, string? PreviousReasonData, DateTimeOffset PreviousUpdated);
