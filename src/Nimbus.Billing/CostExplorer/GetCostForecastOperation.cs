using Nimbus.Billing.Reports;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.Billing.CostExplorer;

/// <summary>
/// GetCostForecast: the current month's bill extrapolated linearly (the <c>/_nimbus/costs</c> projection), spread
/// evenly over the forecast's days. Nimbus has no forecasting model, so the prediction interval is the mean itself.
/// </summary>
internal static class GetCostForecastOperation
{
    private static readonly string[] Metrics = ["AMORTIZED_COST", "BLENDED_COST", "NET_AMORTIZED_COST", "NET_UNBLENDED_COST", "UNBLENDED_COST"];

    public static WireValue Invoke(CostExplorerService service, Func<AwsScope, CostReport> currentMonth, TimeProvider time, AwsScope scope, WireValue input)
    {
        var granularity = CostExplorerInput.Granularity(input, hourly: false);
        var (start, end) = CostExplorerInput.Period(input, granularity);
        var metric = input["Metric"]?.AsString();
        if (metric is null || !Metrics.Contains(metric))
        {
            throw CostExplorerErrors.Validation($"Metric {metric} is not valid for a cost forecast; valid values are {string.Join(", ", Metrics)}.");
        }
        var today = time.GetUtcNow().UtcDateTime.Date;
        if (start < today)
        {
            throw CostExplorerErrors.Validation("Start date must be equal to or later than the current date.");
        }
        var report = currentMonth(scope);
        var daily = report.ProjectedMonthEnd / DateTime.DaysInMonth(report.Year, report.Month);
        var periods = CostExplorerService.Periods(start, end, granularity)
            .Select(p => (p.Start, p.End, Mean: daily * (decimal)(p.End - p.Start).TotalDays))
            .ToList();
        var level = input["PredictionIntervalLevel"];
        return WireValue.Map(
            ("Total", WireValue.Map(("Amount", WireValue.Of(GetCostAndUsageOperation.Amount(periods.Sum(p => p.Mean)))), ("Unit", WireValue.Of("USD")))),
            ("ForecastResultsByTime", WireValue.List(periods.Select(p => WireValue.Map(
                ("TimePeriod", CostExplorerInput.Interval(p.Start, p.End, granularity)),
                ("MeanValue", WireValue.Of(GetCostAndUsageOperation.Amount(p.Mean))),
                ("PredictionIntervalLowerBound", level is null ? null : WireValue.Of(GetCostAndUsageOperation.Amount(p.Mean))),
                ("PredictionIntervalUpperBound", level is null ? null : WireValue.Of(GetCostAndUsageOperation.Amount(p.Mean))))))));
    }
}
