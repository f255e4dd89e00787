using System.Diagnostics;

namespace Nimbus.Core.Storage;

/// <summary>
/// How many writes have recently been waiting at once (queued, running or awaiting their fsync): the highest count in
/// the current or the previous period of <see cref="PeriodMs"/>, so that it forgets callers that went away within two
/// periods. Not thread-safe: the group commit's lock guards it.
/// </summary>
internal sealed class WriterConcurrency
{
    private const int PeriodMs = 100;
    private static readonly long PeriodTicks = Stopwatch.Frequency * PeriodMs / 1000;

    private int _current;
    private int _peak;
    private int _previousPeak;
    private long _periodStart = Stopwatch.GetTimestamp();

    public void Enter()
    {
        _current++;
        _peak = Math.Max(_peak, _current);
    }

    public void Leave(int count) => _current -= count;

    public int Recent(long now)
    {
        if (now - _periodStart > PeriodTicks)
        {
            _previousPeak = now - _periodStart > 2 * PeriodTicks ? _current : _peak;
            _peak = _current;
            _periodStart = now;
        }
        return Math.Max(1, Math.Max(_peak, _previousPeak));
    }
}
