using System.Globalization;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.Billing.CostExplorer;

/// <summary>GetCostAndUsage: <c>GroupDefinitions</c>, <c>ResultsByTime</c> (Total or Groups per period), <c>NextPageToken</c>.</summary>
internal static class GetCostAndUsageOperation
{
    /// <summary>The cost metrics: Nimbus has no reservations, savings plans, credits or blended rates, so all equal the list-price cost.</summary>
    private static readonly string[] CostMetrics = ["AmortizedCost", "BlendedCost", "NetAmortizedCost", "NetUnblendedCost", "UnblendedCost"];
    private static readonly string[] UsageMetrics = ["UsageQuantity", "NormalizedUsageAmount"];

    public static WireValue Invoke(CostExplorerService service, AwsScope scope, WireValue input)
    {
        var granularity = CostExplorerInput.Granularity(input);
        var (start, end) = CostExplorerInput.Period(input, granularity);
        var metrics = input["Metrics"]?.AsList().Select(m => m.AsString()).ToList() ?? [];
        if (metrics.Count == 0)
        {
            throw CostExplorerErrors.Validation("Metrics are required.");
        }
        var unknown = metrics.Where(m => !CostMetrics.Concat(UsageMetrics).Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw CostExplorerErrors.Validation($"Metrics {string.Join(", ", unknown)} are not valid; valid values are {string.Join(", ", CostMetrics.Concat(UsageMetrics))}.");
        }
        var groupBy = (input["GroupBy"]?.AsList() ?? []).Select(g =>
        {
            var type = g["Type"]?.AsString() ?? throw CostExplorerErrors.Validation("GroupBy Type is required.");
            var key = g["Key"]?.AsString() ?? throw CostExplorerErrors.Validation("GroupBy Key is required.");
            switch (type)
            {
                case "DIMENSION":
                    CostAttributes.ValidateDimension(key);
                    break;
                case "TAG":
                    break;
                default:
                    throw CostExplorerErrors.Validation($"Group by {type} is not supported by Nimbus.");
            }
            return (type, key);
        }).ToList();
        if (groupBy.Count > 2)
        {
            throw CostExplorerErrors.Validation("You can group by at most two dimensions, tags or cost categories.");
        }
        var filter = input["Filter"] is { Kind: not WireKind.Null } expression ? CostFilter.Parse(expression) : null;
        var (periods, next) = service.GetCostAndUsage(scope, new CostAndUsageQuery(start, end, granularity, metrics, groupBy, filter, input["NextPageToken"]?.AsString()));

        return WireValue.Map(
            ("GroupDefinitions", groupBy.Count == 0 ? null : WireValue.List(groupBy.Select(g => WireValue.Map(("Type", WireValue.Of(g.type)), ("Key", WireValue.Of(g.key)))))),
            ("ResultsByTime", WireValue.List(periods.Select(p => WireValue.Map(
                ("TimePeriod", CostExplorerInput.Interval(p.Start, p.End, granularity)),
                ("Total", groupBy.Count == 0 ? Metrics(metrics, p.Cost, p.Quantity) : WireValue.Map()),
                ("Groups", WireValue.List(p.Groups.Select(g => WireValue.Map(
                    ("Keys", WireValue.List(g.Keys.Select(WireValue.Of))),
                    ("Metrics", Metrics(metrics, g.Cost, g.Quantity)))))),
                ("Estimated", WireValue.Of(p.Estimated)))))),
            ("DimensionValueAttributes", WireValue.List([])),
            ("NextPageToken", next is null ? null : WireValue.Of(next)));
    }

    private static WireValue Metrics(IReadOnlyList<string> names, decimal cost, decimal quantity) => WireValue.KeyedMap(names.Distinct().Select(name =>
    {
        var isCost = CostMetrics.Contains(name, StringComparer.OrdinalIgnoreCase);
        var amount = isCost ? cost : name.Equals("UsageQuantity", StringComparison.OrdinalIgnoreCase) ? quantity : 0m;
        return KeyValuePair.Create(name, WireValue.Map(("Amount", WireValue.Of(Amount(amount))), ("Unit", WireValue.Of(isCost ? "USD" : "N/A"))));
    }));

    /// <summary>Amounts as Cost Explorer writes them: a decimal string, to 10 places.</summary>
    public static string Amount(decimal value) => Math.Round(value, 10).ToString("0.##########", CultureInfo.InvariantCulture);
}
