using System.Globalization;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// A point in time (epoch milliseconds) as a query value: it compares and computes as its number and is shown
/// the way Logs Insights shows <c>@timestamp</c> and <c>bin()</c>: <c>2026-11-27 06:05:00.000</c> (UTC).
/// </summary>
internal readonly record struct InsightsTimestamp(long Milliseconds)
{
    public override string ToString() =>
        DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
