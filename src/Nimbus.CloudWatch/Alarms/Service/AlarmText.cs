using System.Globalization;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>How CloudWatch prints numbers and times in state reasons, reason data and alarm events.</summary>
internal static class AlarmText
{
    /// <summary>Doubles as Java prints them in CloudWatch's reasons: <c>5.0</c>, <c>3.25</c>.</summary>
    public static string Number(double value) => value.ToString("0.0##############", CultureInfo.InvariantCulture);

    /// <summary><c>2023-08-04T12:36:15.490+0000</c>, the timestamp format of reason data and alarm events.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    /// <summary><c>04/08/23 12:35:00</c>, the datapoint time inside a reason sentence.</summary>
    public static string ReasonTime(DateTimeOffset value) => value.ToUniversalTime().ToString("dd/MM/yy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary><c>Friday 04 August, 2023 12:54:46 UTC</c>, the time in a composite alarm's state reason.</summary>
    public static string LongTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("dddd dd MMMM, yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Plural(int count, string noun) => count == 1 ? $"{count} {noun}" : $"{count} {noun}s";

    public static string WasWere(int count) => count == 1 ? "was" : "were";
}
