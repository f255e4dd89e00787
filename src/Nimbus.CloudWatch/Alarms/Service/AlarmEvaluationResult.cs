using Nimbus.CloudWatch.Alarms.Model;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>One alarm's evaluation in a pass: the alarm as read, the outcome (null: keep the state) and the evaluated period's end.</summary>
internal sealed record AlarmEvaluationResult(MetricAlarm Evaluated, AlarmOutcome? Outcome, long EvaluatedEnd);
