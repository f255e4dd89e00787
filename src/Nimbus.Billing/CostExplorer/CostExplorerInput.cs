using System.Globalization;
using Nimbus.Protocol.Documents;

namespace Nimbus.Billing.CostExplorer;

/// <summary>Request members GetCostAndUsage and GetCostForecast share, validated with Cost Explorer's messages.</summary>
internal static class CostExplorerInput
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string HourFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>
    /// <c>TimePeriod</c> as UTC instants, end exclusive. The model's pattern allows a date or a date with a time
    /// (<c>2026-11-27T00:00:00Z</c>); HOURLY needs the time form, on the hour. DAILY and MONTHLY read the date only.
    /// </summary>
    public static (DateTime Start, DateTime End) Period(WireValue input, string granularity)
    {
        var period = input["TimePeriod"] ?? throw CostExplorerErrors.Validation("TimePeriod is required.");
        var start = Instant(period["Start"], "Start", granularity);
        var end = Instant(period["End"], "End", granularity);
        if (start >= end)
        {
            throw CostExplorerErrors.Validation("Start date (and hour) should be before end date (and hour)");
        }
        return (start, end);
    }

    /// <param name="hourly">Whether the operation serves HOURLY (GetCostForecast does not).</param>
    public static string Granularity(WireValue input, bool hourly = true) => input["Granularity"]?.AsString() switch
    {
        "DAILY" => "DAILY",
        "MONTHLY" => "MONTHLY",
        "HOURLY" when hourly => "HOURLY",
        "HOURLY" => throw CostExplorerErrors.Validation("Granularity HOURLY is not supported for this operation; use DAILY or MONTHLY."),
        null => throw CostExplorerErrors.Validation("Granularity is required."),
        var other => throw CostExplorerErrors.Validation($"Granularity {other} is not valid; use {(hourly ? "HOURLY, " : "")}DAILY or MONTHLY."),
    };

    /// <summary>A period as Cost Explorer echoes it: dates, or timestamps for HOURLY.</summary>
    public static WireValue Interval(DateTime start, DateTime end, string granularity) =>
        WireValue.Map(("Start", WireValue.Of(Text(start, granularity))), ("End", WireValue.Of(Text(end, granularity))));

    public static string Text(DateTime at, string granularity) =>
        at.ToString(granularity == "HOURLY" ? HourFormat : DateFormat, CultureInfo.InvariantCulture);

    private static DateTime Instant(WireValue? value, string name, string granularity)
    {
        var text = value?.AsString() ?? "";
        if (DateTime.TryParseExact(text, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            if (granularity != "HOURLY")
            {
                return at.Date;
            }
            return at.Minute == 0 && at.Second == 0
                ? at
                : throw CostExplorerErrors.Validation($"{name} must be on the hour for HOURLY granularity (yyyy-MM-ddTHH:00:00Z).");
        }
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return granularity == "HOURLY"
                ? throw CostExplorerErrors.Validation($"{name} date must be in the format yyyy-MM-ddTHH:mm:ssZ for HOURLY granularity.")
                : date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        throw CostExplorerErrors.Validation($"{name} date is invalid: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.");
    }
}
