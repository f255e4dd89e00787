using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nimbus.Billing.Pricing;
using Nimbus.Billing.Usage;

namespace Nimbus.Billing.Reports;

/// <summary>
/// <c>GET /_nimbus/costs?month=YYYY-MM[&amp;account=…]</c>: the month's bill as JSON — total and month-end
/// projection, by service and usage type, by function (and other resources), free-tier consumption, day by day.
/// The month defaults to the current one. Amounts are in the price table's currency at full precision, with
/// <c>total</c> also rounded to cents as a bill shows it.
/// </summary>
public sealed class CostsEndpoint
{
    private readonly IUsageStore _store;
    private readonly PriceTable _prices;
    private readonly TimeProvider _time;
    private readonly UsageRecorder? _recorder;

    public CostsEndpoint(IUsageStore store, PriceTable prices, TimeProvider time, UsageRecorder? recorder = null)
    {
        _store = store;
        _prices = prices;
        _time = time;
        _recorder = recorder;
    }

    /// <summary>
    /// Waits until usage queued so far is stored (a quarter second at most: the recorder writes in paced batches),
    /// so a report asked for right after a request includes it.
    /// </summary>
    public Task UsageSettledAsync(CancellationToken cancellationToken) =>
        _recorder?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public CostReport Report(int year, int month, string? accountId)
    {
        var first = new DateOnly(year, month, 1);
        var usage = _store.Read(first, first.AddMonths(1).AddDays(-1), accountId);
        return new CostCalculator(_prices).Report(year, month, usage, _time.GetUtcNow());
    }

    public async Task WriteAsync(HttpContext http)
    {
        var now = _time.GetUtcNow();
        var monthText = http.Request.Query["month"].ToString();
        if (monthText.Length == 0)
        {
            monthText = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
        if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            http.Response.StatusCode = 400;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync($$"""{"error":"month must be YYYY-MM, got '{{JsonEncodedText.Encode(monthText)}}'"}""", http.RequestAborted);
            return;
        }
        var account = http.Request.Query["account"].ToString() is { Length: > 0 } a ? a : null;
        await UsageSettledAsync(http.RequestAborted);
        var report = Report(month.Year, month.Month, account);

        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
        CostReportJson.Write(json, report, monthText, _prices);
        await json.FlushAsync(http.RequestAborted);
    }
}
