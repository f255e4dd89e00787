using System.Globalization;
using System.Text.Json;
using Nimbus.Billing.Pricing;

namespace Nimbus.Billing.Reports;

/// <summary>The JSON shape of <c>/_nimbus/costs</c>.</summary>
internal static class CostReportJson
{
    public static void Write(Utf8JsonWriter json, CostReport report, string month, PriceTable prices)
    {
        json.WriteStartObject();
        json.WriteString("month", month);
        json.WriteString("currency", report.Currency);
        json.WriteString("region", prices.Region);
        json.WriteNumber("total", report.Total);
        json.WriteNumber("totalRounded", Math.Round(report.Total, 2, MidpointRounding.AwayFromZero));
        json.WriteNumber("projectedMonthEnd", Math.Round(report.ProjectedMonthEnd, 2, MidpointRounding.AwayFromZero));
        json.WriteStartArray("services");
        foreach (var service in report.Lines.GroupBy(l => l.Service))
        {
            json.WriteStartObject();
            json.WriteString("service", service.Key);
            json.WriteString("name", prices.Services.GetValueOrDefault(service.Key)?.Name ?? service.Key);
            json.WriteNumber("cost", service.Sum(l => l.Cost));
            json.WriteStartArray("usage");
            foreach (var line in service)
            {
                json.WriteStartObject();
                json.WriteString("usageType", line.UsageType);
                json.WriteString("unit", line.Unit);
                json.WriteNumber("quantity", line.Quantity);
                json.WriteNumber("freeTierQuantity", line.FreeTierQuantity);
                json.WriteNumber("billableQuantity", line.Quantity - line.FreeTierQuantity);
                json.WriteNumber("cost", line.Cost);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("functions");
        foreach (var function in report.Resources.Where(r => r.Service == "lambda"))
        {
            json.WriteStartObject();
            json.WriteString("functionName", function.Resource);
            json.WriteNumber("cost", function.Cost);
            json.WriteNumber("requests", function.Quantities.Where(q => q.Key.StartsWith("Request", StringComparison.Ordinal)).Sum(q => q.Value));
            json.WriteNumber("gbSeconds", function.Quantities.Where(q => q.Key.StartsWith("Lambda-GB-Second", StringComparison.Ordinal)).Sum(q => q.Value));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("resources");
        foreach (var resource in report.Resources.Where(r => r.Service != "lambda"))
        {
            json.WriteStartObject();
            json.WriteString("service", resource.Service);
            json.WriteString("resource", resource.Resource);
            json.WriteNumber("cost", resource.Cost);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("freeTier");
        foreach (var pool in report.FreeTier)
        {
            json.WriteStartObject();
            json.WriteString("name", pool.Name);
            json.WriteNumber("allowance", pool.Allowance);
            json.WriteNumber("used", pool.Used);
            json.WriteNumber("remaining", pool.Remaining);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("days");
        foreach (var (day, cost) in report.Days)
        {
            json.WriteStartObject();
            json.WriteString("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("cost", cost);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
