using System.Globalization;
using Nimbus.Protocol.Documents;

namespace Nimbus.Billing.CostExplorer;

/// <summary>Request members GetCostAndUsage and GetCostForecast share, validated with Cost Explorer's messages.</summary>
internal static class CostExplorerInput
{
    public static (DateOnly Start, DateOnly End) Period(WireValue input)
    {
        var period = input["TimePeriod"] ?? throw CostExplorerErrors.Validation("TimePeriod is required.");
        var start = Date(period["Start"], "Start");
        var end = Date(period["End"], "End");
        if (start >= end)
        {
            throw CostExplorerErrors.Validation("Start date (and hour) should be before end date (and hour)");
        }
        return (start, end);
    }

    public static string Granularity(WireValue input) => input["Granularity"]?.AsString() switch
    {
        "DAILY" => "DAILY",
        "MONTHLY" => "MONTHLY",
        "HOURLY" => throw CostExplorerErrors.Validation("Hourly granularity is not supported by Nimbus (usage is kept per day)."),
        null => throw CostExplorerErrors.Validation("Granularity is required."),
        var other => throw CostExplorerErrors.Validation($"Granularity {other} is not valid; use DAILY or MONTHLY."),
    };

    public static WireValue Interval(DateOnly start, DateOnly end) =>
        WireValue.Map(("Start", WireValue.Of(Text(start))), ("End", WireValue.Of(Text(end))));

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Date(WireValue? value, string name) =>
        value is not null && DateOnly.TryParseExact(value.AsString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw CostExplorerErrors.Validation($"{name} date is invalid: expected YYYY-MM-DD.");
}
