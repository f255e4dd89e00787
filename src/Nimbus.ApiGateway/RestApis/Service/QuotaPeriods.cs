using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>
/// Quota periods in UTC as AWS defines them: a DAY starts at midnight; a WEEK on Sunday plus <c>offset</c> days (0–6);
/// a MONTH on its first day plus <c>offset</c> days (0–27).
/// </summary>
internal static class QuotaPeriods
{
    public static void Check(QuotaSettings quota)
    {
        if (quota.Period is not ("DAY" or "WEEK" or "MONTH"))
        {
            throw RestErrors.BadRequest("Invalid quota period specified: " + quota.Period + ". Valid values are DAY, WEEK and MONTH");
        }
        if (quota.Limit is null or < 0)
        {
            throw RestErrors.BadRequest("Quota limit must be a non-negative number");
        }
        var offset = quota.Offset ?? 0;
        var maximum = quota.Period switch { "DAY" => 0, "WEEK" => 6, _ => 27 };
        if (offset < 0 || offset > maximum)
        {
            throw RestErrors.BadRequest($"Quota offset for period {quota.Period} must be between 0 and {maximum}");
        }
    }

    /// <summary>The first day of the period that contains <paramref name="day"/>.</summary>
    public static DateOnly Start(QuotaSettings quota, DateOnly day)
    {
        var offset = quota.Offset ?? 0;
        switch (quota.Period)
        {
            case "WEEK":
                return day.AddDays(-(((int)day.DayOfWeek - offset) % 7 + 7) % 7);
            case "MONTH":
                var start = new DateOnly(day.Year, day.Month, 1).AddDays(offset);
                return start <= day ? start : new DateOnly(day.Year, day.Month, 1).AddMonths(-1).AddDays(offset);
            default:
                return day;
        }
    }
}
