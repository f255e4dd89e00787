using Nimbus.Core.Streams;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Records to deliver in one invocation (after filtering) and the checkpoint that success moves to: the last record
/// read for this batch, which may be one the filters dropped.
/// </summary>
internal sealed record StreamBatch(IReadOnlyList<TableStreamRecord> Records, string LastSequenceNumber)
{
    /// <summary>Failed invocations of these records so far (bisecting does not count, as on AWS).</summary>
    public int Attempts { get; init; }

    /// <summary>How the last attempt ended (null before the first): the failure record's <c>responseContext</c>.</summary>
    public BatchOutcome? LastOutcome { get; init; }

    /// <summary>The two halves a failing batch is bisected into; the second keeps the batch's checkpoint.</summary>
    public (StreamBatch First, StreamBatch Second) Bisect()
    {
        var half = Records.Count / 2;
        return (new StreamBatch(Records.Take(half).ToList(), Records[half - 1].SequenceNumber) { Attempts = Attempts, LastOutcome = LastOutcome },
            new StreamBatch(Records.Skip(half).ToList(), LastSequenceNumber) { Attempts = Attempts, LastOutcome = LastOutcome });
    }
}
