namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>What one evaluation concludes: the state, CloudWatch's reason sentence and its JSON reason data.</summary>
public sealed record AlarmOutcome(string State, string Reason, string ReasonData);
