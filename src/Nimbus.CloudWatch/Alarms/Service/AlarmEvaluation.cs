using System.Text;
using System.Text.Json;
using Nimbus.CloudWatch.Alarms.Model;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// One evaluation of a metric alarm over its evaluation range, as CloudWatch documents it
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html): the range is
/// <see cref="ExtraPeriods"/> more periods than EvaluationPeriods; with at least EvaluationPeriods real datapoints in it
/// the most recent EvaluationPeriods are evaluated and missing ones are irrelevant; with fewer, all real datapoints
/// are evaluated and the gap is filled by TreatMissingData (breaching / notBreaching count as such; missing and ignore
/// evaluate only the real ones; with none at all, missing means INSUFFICIENT_DATA and ignore keeps the state).
/// The alarm is in ALARM when at least DatapointsToAlarm evaluated datapoints breach (M out of N). Pure: no clock, no I/O.
/// </summary>
public static class AlarmEvaluation
{
    public const int ExtraPeriods = 2;

    /// <summary>How long after a period ends it is evaluated: values published at its end may still sit in a publisher's queue.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    /// <summary>The end (epoch seconds) of the latest period that is complete, grace included, at <paramref name="now"/>.</summary>
    public static long LastCompletePeriodEnd(MetricAlarm alarm, DateTimeOffset now) =>
        (now - Grace).ToUnixTimeSeconds() / alarm.EvaluatedPeriod * alarm.EvaluatedPeriod;

    /// <param name="values">The evaluated series: period start (epoch seconds) → value, for periods inside the range.</param>
    /// <param name="end">The end (exclusive, epoch seconds) of the last complete period.</param>
    /// <returns>The outcome, or null when the alarm keeps its state (ignore with no data).</returns>
    public static AlarmOutcome? Evaluate(MetricAlarm alarm, IReadOnlyDictionary<long, double> values, long end, DateTimeOffset queryDate)
    {
        var period = alarm.EvaluatedPeriod;
        var n = alarm.EvaluationPeriods;
        var m = alarm.Required;
        var threshold = alarm.Threshold ?? 0;
        var start = end - (long)(n + ExtraPeriods) * period;
        var real = values.Where(v => v.Key >= start && v.Key < end).OrderByDescending(v => v.Key).ToList();
        var evaluated = real.Take(n).ToList();
        var breaching = evaluated.Where(v => AlarmStates.Breaches(alarm.ComparisonOperator, v.Value, threshold)).ToList();
        var fills = n - evaluated.Count;
        var treatment = alarm.TreatMissingData ?? AlarmStates.Missing;
        var op = AlarmStates.ThresholdOperators[alarm.ComparisonOperator];
        var data = ReasonData(alarm, evaluated, end, n, queryDate);

        if (evaluated.Count == 0)
        {
            return treatment switch
            {
                AlarmStates.Ignore => null,
                AlarmStates.Breaching => new AlarmOutcome(AlarmStates.Alarm, NoData(n, "Breaching"), data),
                AlarmStates.NotBreaching => new AlarmOutcome(AlarmStates.Ok, NoData(n, "NonBreaching"), data),
                _ => new AlarmOutcome(AlarmStates.InsufficientData, $"Insufficient Data: {AlarmText.Plural(n, "datapoint")} {AlarmText.WasWere(n)} unknown.", data),
            };
        }
        var breachCount = breaching.Count + (treatment == AlarmStates.Breaching ? fills : 0);
        var needed = treatment is AlarmStates.Missing or AlarmStates.Ignore ? Math.Min(m, evaluated.Count) : m;
        if (breachCount >= needed)
        {
            var reason = new StringBuilder()
                .Append($"Threshold Crossed: {breachCount} out of the last {(treatment == AlarmStates.Breaching ? n : evaluated.Count)} datapoints ")
                .Append(List(breaching)).Append($" {AlarmText.WasWere(breachCount)} {op} the threshold ({AlarmText.Number(threshold)})")
                .Append(fills > 0 && treatment == AlarmStates.Breaching ? $" ({AlarmText.Plural(fills, "missing datapoint")} treated as [Breaching])" : "")
                .Append($" (minimum {AlarmText.Plural(m, "datapoint")} for {alarm.StateValue} -> ALARM transition).");
            return new AlarmOutcome(AlarmStates.Alarm, reason.ToString(), data);
        }
        var ok = $"Threshold Crossed: {AlarmText.Plural(evaluated.Count, "datapoint")} {List(evaluated)} {AlarmText.WasWere(evaluated.Count)} not {op} the threshold ({AlarmText.Number(threshold)}).";
        return new AlarmOutcome(AlarmStates.Ok, ok, data);
    }

    private static string NoData(int n, string treatedAs) =>
        $"Threshold Crossed: no datapoints were received for {AlarmText.Plural(n, "period")} and {AlarmText.Plural(n, "missing datapoint")} {AlarmText.WasWere(n)} treated as [{treatedAs}].";

    private static string List(IEnumerable<KeyValuePair<long, double>> points) =>
        "[" + string.Join(", ", points.Select(p => $"{AlarmText.Number(p.Value)} ({AlarmText.ReasonTime(DateTimeOffset.FromUnixTimeSeconds(p.Key))})")) + "]";

    /// <summary>CloudWatch's <c>StateReasonData</c> (version 1.0): the query, the evaluated datapoints and the threshold.</summary>
    private static string ReasonData(MetricAlarm alarm, IReadOnlyList<KeyValuePair<long, double>> evaluated, long end, int n, DateTimeOffset queryDate)
    {
        var period = alarm.EvaluatedPeriod;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("queryDate", AlarmText.Timestamp(queryDate));
            json.WriteString("startDate", AlarmText.Timestamp(DateTimeOffset.FromUnixTimeSeconds(evaluated.Count > 0 ? evaluated[^1].Key : end - (long)n * period)));
            if ((alarm.Statistic ?? alarm.ExtendedStatistic) is { } statistic)
            {
                json.WriteString("statistic", statistic);
            }
            json.WriteNumber("period", period);
            json.WriteStartArray("recentDatapoints");
            foreach (var point in evaluated.Reverse())
            {
                json.WriteNumberValue(point.Value);
            }
            json.WriteEndArray();
            json.WriteNumber("threshold", alarm.Threshold ?? 0);
            json.WriteStartArray("evaluatedDatapoints");
            foreach (var point in evaluated)
            {
                json.WriteStartObject();
                json.WriteString("timestamp", AlarmText.Timestamp(DateTimeOffset.FromUnixTimeSeconds(point.Key)));
                json.WriteNumber("value", point.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
