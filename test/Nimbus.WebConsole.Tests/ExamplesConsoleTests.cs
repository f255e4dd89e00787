using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nimbus.WebConsole.Tests;

/// <summary>
/// What a new user sees after deploying the examples: the console lists their functions, buckets, tables and HTTP
/// API, shows the hourly report's schedule and runs it, and the Items page served from S3 works in a real browser,
/// across origins, through the API.
/// </summary>
public sealed class ExamplesConsoleTests(ExamplesConsoleFixture examples) : IClassFixture<ExamplesConsoleFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Eventually = new() { Timeout = 30_000 };

    private string Console => examples.Server.EndpointUrl + "/_nimbus/console/";

    [Fact]
    public async Task Console_ShowsTheExamplesFunctionsBucketsTablesAndHttpApi()
    {
        var page = await examples.OpenAsync(Console + "#/functions");
        foreach (var function in (string[])["thumbnail", "thumbnail-report", "items-api"])
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = function, Exact = true })).ToBeVisibleAsync(Eventually);
        }
        await ConsoleFixture.ScreenshotAsync(page, "examples-functions");

        await page.GotoAsync(Console + "#/s3");
        foreach (var bucket in (string[])["photos", "photo-thumbnails", "photo-reports", "items-web"])
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = bucket, Exact = true })).ToBeVisibleAsync(Eventually);
        }
        await ConsoleFixture.ScreenshotAsync(page, "examples-s3");

        await page.GotoAsync(Console + "#/dynamodb");
        foreach (var table in (string[])["photo-metadata", "items"])
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = table, Exact = true })).ToBeVisibleAsync(Eventually);
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "photo-metadata", Exact = true }).ClickAsync();
        await Expect(page.GetByText("console.png").First).ToBeVisibleAsync(Eventually); // the thumbnail function's row
        await ConsoleFixture.ScreenshotAsync(page, "examples-dynamodb");

        await page.GotoAsync(Console + "#/apigateway");
        await page.GetByRole(AriaRole.Link, new() { Name = "items-api", Exact = true }).ClickAsync();
        foreach (var route in (string[])["POST /items", "GET /items", "GET /items/{id}"])
        {
            await Expect(page.GetByText(route, new() { Exact = true }).First).ToBeVisibleAsync(Eventually);
        }
        await ConsoleFixture.ScreenshotAsync(page, "examples-apigateway");
    }

    [Fact]
    public async Task SchedulesPage_ShowsTheHourlyReportsNextFireTimes_AndARunNowFiringWithItsOutcome()
    {
        var page = await examples.OpenAsync(Console + "#/schedules");
        var row = page.Locator("tr[data-schedule='default/thumbnail-report-hourly']");
        await Expect(row.GetByTestId("expression")).ToHaveTextAsync("rate(1 hour)", new() { Timeout = 30_000 });
        var next = row.GetByTestId("next-fire");
        await Expect(next).ToHaveCountAsync(5);
        var times = new List<DateTimeOffset>();
        foreach (var item in await next.AllAsync())
        {
            times.Add(DateTimeOffset.Parse((await item.GetAttributeAsync("data-time"))!, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
        Assert.True(times[0] > DateTimeOffset.UtcNow.AddSeconds(-5), $"the next fire time {times[0]:O} is in the future");

        await row.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Expect(page.GetByTestId("run-message")).ToContainTextAsync("thumbnail-report-hourly fired at", new() { Timeout = 30_000 });
        // The firing is listed at once (PENDING) and shows its outcome when the report function has run.
        var firing = page.Locator("tr[data-firing='thumbnail-report-hourly']").Filter(new() { HasText = "(run now)" });
        await Expect(firing).ToHaveAttributeAsync("data-outcome", "SUCCEEDED", new() { Timeout = 120_000 });
        await Expect(firing.Locator("td").Nth(4)).ToHaveTextAsync("SUCCEEDED");
        await Expect(firing.Locator("td").Nth(3)).ToContainTextAsync("thumbnail-report");
        await ConsoleFixture.ScreenshotAsync(page, "examples-schedules");
    }

    [Fact]
    public async Task ItemsPage_ServedFromS3_AddsAnItemThroughTheApi_AndShowsTheApisMessageForBadInput()
    {
        var page = await examples.OpenAsync(examples.Server.EndpointUrl + "/items-web/index.html");
        await Expect(page.Locator("#api")).ToContainTextAsync(".execute-api.localhost");

        await page.GetByLabel("Name").FillAsync("Reading lamp");
        await page.GetByLabel("Price").FillAsync("24.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Added Reading lamp", new() { Timeout = 60_000 });
        await Expect(page.Locator("#items tr").Filter(new() { HasText = "Reading lamp" })).ToContainTextAsync("24.50");

        await page.GetByLabel("Name").FillAsync("");
        await page.GetByLabel("Price").FillAsync("cheap");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("name is required", new() { Timeout = 60_000 });
        await Expect(page.Locator("#status")).ToContainTextAsync("price is required and must be a number");
        await ConsoleFixture.ScreenshotAsync(page, "examples-items-page");

        var stored = await examples.Server.Boto3.RunAsync("""
            print(json.dumps([i["name"]["S"] for i in client("dynamodb").scan(TableName="items")["Items"]]))
            """);
        Assert.Equal(["Reading lamp"], stored.EnumerateArray().Select(n => n.GetString()));
    }
}
