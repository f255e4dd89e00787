namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>
/// One page of a stream's events (GetLogEvents): events strictly after <see cref="After"/> read forwards, or
/// strictly before <see cref="Before"/> read backwards (the page nearest to it), within the time range.
/// </summary>
internal sealed record StreamEventQuery(long? StartTime, long? EndTime, EventKey? After, EventKey? Before, bool Forward, int Limit, int MaxBytes);
