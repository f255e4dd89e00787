using System.Globalization;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>Request times as API Gateway prints them: <c>12/Mar/2020:19:03:58 +0000</c>.</summary>
internal static class EventTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
}
