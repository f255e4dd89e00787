using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nimbus.WebConsole.Tests;

/// <summary>Clicking through the console in Chromium against a server with a deployed, invoked function.</summary>
public sealed class ConsolePagesTests : IClassFixture<ConsoleFixture>
{
    // Pages refresh every few seconds and metrics are written in the background: wait for the figures, not a fixed time.
    private static readonly LocatorAssertionsToHaveTextOptions Eventually = new() { Timeout = 30_000 };

    private readonly ConsoleFixture _console;

    public ConsolePagesTests(ConsoleFixture console)
    {
        _console = console;
    }

    [Fact]
    public async Task Functions_ListsTheFunction_WithItsInvocationsFromCloudWatch()
    {
        // Its own function, so other tests' invocations do not change the count.
        const string listed = "console-listed";
        await _console.DeployAsync(listed, invocations: 2);
        var page = await _console.OpenAsync("#/functions");
        var row = page.Locator($"tr[data-function='{listed}']");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("nodejs20.x", Eventually);
        // ListFunctions has no State (as on AWS): the page asks each function's configuration for it.
        await Expect(row.GetByTestId("state")).ToHaveTextAsync("Active", Eventually);
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("2", Eventually);
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("0", Eventually);
        await ConsoleFixture.ScreenshotAsync(page, "functions");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = listed, Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task FunctionPage_InvokesWithThePayload_AndShowsResponseLogAndCharts()
    {
        var page = await _console.OpenAsync("#/function/" + ConsoleFixture.FunctionName);
        await page.GetByLabel("Payload").FillAsync("""{"from": "the console"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invoke" }).ClickAsync();

        var response = page.GetByTestId("invoke-response");
        await Expect(response).ToContainTextAsync("the console");
        using var body = JsonDocument.Parse(await response.TextContentAsync() ?? "");
        Assert.Equal("the console", body.RootElement.GetProperty("echo").GetProperty("from").GetString());
        await Expect(page.GetByTestId("invoke-log")).ToContainTextAsync("REPORT RequestId");

        // Charts are SVG drawn from GetMetricData: the invocation line exists once metrics arrive.
        await Expect(page.Locator("svg[aria-label='Invocations and errors'] polyline[data-series='Invocations']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("svg[aria-label='Duration percentiles'] polyline")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        // Recent invocations come from the REPORT lines in CloudWatch Logs.
        await Expect(page.Locator("main table").Last.Locator("tbody tr")).ToHaveCountAsync(ConsoleFixture.Invocations + 1, new() { Timeout = 30_000 });
        await ConsoleFixture.ScreenshotAsync(page, "function");
    }

    [Fact]
    public async Task FunctionPage_RefusesAPayloadThatIsNotJson()
    {
        var page = await _console.OpenAsync("#/function/" + ConsoleFixture.FunctionName);
        await page.GetByLabel("Payload").FillAsync("{not json");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invoke" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid JSON");
    }

    [Fact]
    public async Task UnknownFunction_ShowsLambdasError()
    {
        var page = await _console.OpenAsync("#/function/no-such-function");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ResourceNotFoundException");
    }

    [Fact]
    public async Task Logs_ShowsTheFunctionsEvents_AndFiltersThemWithAPattern()
    {
        var page = await _console.OpenAsync("#/logs");
        var group = "/aws/lambda/" + ConsoleFixture.FunctionName;
        await page.GetByRole(AriaRole.Link, new() { Name = group }).ClickAsync();
        var events = page.GetByTestId("log-events");
        await Expect(events).ToContainTextAsync("got {\"n\":0}", new() { Timeout = 30_000 });

        await page.GetByLabel("Filter pattern").FillAsync("REPORT");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(events).ToContainTextAsync("REPORT RequestId");
        await Expect(events).Not.ToContainTextAsync("got {");
        await ConsoleFixture.ScreenshotAsync(page, "logs");
    }

    [Fact]
    public async Task Costs_ShowsTheMonthByServiceAndFunction_AndTheFreeTier()
    {
        var page = await _console.OpenAsync("#/costs");
        await Expect(page.GetByTestId("cost-summary")).ToContainTextAsync("projected by the end of the month", new() { Timeout = 30_000 });
        await Expect(page.Locator($"svg[aria-label='By function'] rect.bar[data-label='{ConsoleFixture.FunctionName}']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("svg[aria-label='Free tier used this month'] rect.bar")).Not.ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "costs");
    }

    [Fact]
    public async Task System_ShowsTheIsolationInForce()
    {
        using var http = new HttpClient();
        using var health = JsonDocument.Parse(await http.GetStringAsync(_console.Server.EndpointUrl + "/_nimbus/health"));
        var page = await _console.OpenAsync("#/system");
        await Expect(page.GetByTestId("isolation")).ToHaveTextAsync(health.RootElement.GetProperty("isolation").GetString()!, Eventually);
        // The fixture's invocations left a warm environment (idle timeout: minutes).
        await Expect(page.Locator($"svg[aria-label='Execution environments (busy of warm)'] rect.bar[data-label='{ConsoleFixture.FunctionName}']")).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(page, "system");
    }
}
