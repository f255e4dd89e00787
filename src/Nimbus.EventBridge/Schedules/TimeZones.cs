namespace Nimbus.EventBridge.Schedules;

/// <summary>IANA time zone names (<c>America/New_York</c>) as EventBridge Scheduler accepts them.</summary>
internal static class TimeZones
{
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
