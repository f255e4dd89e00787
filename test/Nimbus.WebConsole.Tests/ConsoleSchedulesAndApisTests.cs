using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nimbus.WebConsole.Tests;

/// <summary>
/// The schedules page (schedules and rules made with boto3: expressions, next fire times checked by hand, firings as
/// they happen and after "Run now"), REST and WebSocket APIs on the API Gateway page (with URLs that really answer), and
/// a page that updates live without reloading.
/// </summary>
public sealed class ConsoleSchedulesAndApisTests : IClassFixture<ConsoleFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions Eventually = new() { Timeout = 60_000 };

    private readonly ConsoleFixture _console;

    public ConsoleSchedulesAndApisTests(ConsoleFixture console)
    {
        _console = console;
    }

    private string FunctionArn => $"arn:aws:lambda:us-east-1:000000000000:function:{ConsoleFixture.FunctionName}";

    [Fact]
    public async Task Schedules_ShowsExpressionsNextFireTimesFiringsAndRunsNow()
    {
        await _console.Server.Boto3.RunAsync($$"""
            sc = client("scheduler")
            target = {"Arn": "{{FunctionArn}}", "RoleArn": "arn:aws:iam::000000000000:role/scheduler", "Input": json.dumps({"from": "schedule"})}
            sc.create_schedule(Name="console-weekly", ScheduleExpression="cron(30 8 ? * MON *)", ScheduleExpressionTimezone="Europe/Paris",
                FlexibleTimeWindow={"Mode": "OFF"}, Target=target)
            # A rate schedule starts invoking its target at once, so the page has a real firing to show.
            sc.create_schedule(Name="console-minutely", ScheduleExpression="rate(1 minute)", FlexibleTimeWindow={"Mode": "OFF"}, Target=target)
            ev = client("events")
            ev.put_rule(Name="console-noon", ScheduleExpression="cron(0 12 ? * MON-FRI *)")
            ev.put_targets(Rule="console-noon", Targets=[{"Id": "fn", "Arn": "{{FunctionArn}}"}])
            ev.put_rule(Name="console-orders", EventPattern=json.dumps({"source": ["console.shop"]}))
            print("{}")
            """);
        var page = await _console.OpenAsync("#/schedules");

        var weekly = page.Locator("tr[data-schedule='default/console-weekly']");
        await Expect(weekly.GetByTestId("expression")).ToHaveTextAsync("cron(30 8 ? * MON *)");
        await Expect(weekly).ToContainTextAsync("Europe/Paris");
        await Expect(weekly.GetByTestId("next-fire")).ToHaveCountAsync(5);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Equal(HandComputed(d => d.DayOfWeek == DayOfWeek.Monday, 8, 30, paris), await FireTimesAsync(weekly));

        var noon = page.Locator("tr[data-rule='default/console-noon']");
        await Expect(noon.GetByTestId("expression")).ToHaveTextAsync("cron(0 12 ? * MON-FRI *)");
        await Expect(noon.GetByRole(AriaRole.Link, new() { Name = ConsoleFixture.FunctionName })).ToHaveAttributeAsync("title", FunctionArn);
        Assert.Equal(HandComputed(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), 12, 0, TimeZoneInfo.Utc), await FireTimesAsync(noon));
        await Expect(page.Locator("tr[data-rule='default/console-orders']")).ToContainTextAsync("console.shop");

        // The rate schedule's first tick, delivered to the function, shows up without reloading the page.
        await Expect(page.Locator("tr[data-firing='console-minutely'][data-outcome='SUCCEEDED']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("tr[data-schedule='default/console-minutely'] svg.firing-timeline rect.firing[data-outcome='SUCCEEDED']"))
            .Not.ToHaveCountAsync(0);

        await Expect(page.Locator("tr[data-firing='console-weekly']")).ToHaveCountAsync(0);
        await weekly.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Expect(page.GetByTestId("run-message")).ToContainTextAsync("console-weekly fired");
        var ran = page.Locator("tr[data-firing='console-weekly']");
        await Expect(ran).ToContainTextAsync("(run now)");
        await Expect(page.Locator("tr[data-firing='console-weekly'][data-outcome='SUCCEEDED']")).ToHaveCountAsync(1, Eventually);
        await ConsoleFixture.ScreenshotAsync(page, "schedules");
    }

    [Fact]
    public async Task ApiGateway_ShowsARestApisResourceTree_WithInvokeUrlsThatAnswer()
    {
        var created = await _console.Server.Boto3.RunAsync("""
            lam = client("lambda")
            code = "export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.path }) });"
            arn = lam.create_function(FunctionName="console-rest-fn", Runtime="nodejs20.x", Handler="index.handler",
                Role="arn:aws:iam::000000000000:role/console", Code={"ZipFile": zip_of({"index.mjs": code})})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName="console-rest-fn")
            uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
            gw = client("apigateway")
            api = gw.create_rest_api(name="console-rest")
            root = [r for r in gw.get_resources(restApiId=api["id"])["items"] if r["path"] == "/"][0]["id"]
            items = gw.create_resource(restApiId=api["id"], parentId=root, pathPart="items")["id"]
            item = gw.create_resource(restApiId=api["id"], parentId=items, pathPart="{id}")["id"]
            for resource, verb in [(items, "GET"), (items, "POST"), (item, "GET")]:
                gw.put_method(restApiId=api["id"], resourceId=resource, httpMethod=verb, authorizationType="NONE")
                gw.put_integration(restApiId=api["id"], resourceId=resource, httpMethod=verb, type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
            gw.create_deployment(restApiId=api["id"], stageName="prod")
            print(json.dumps({"id": api["id"]}))
            """);
        var apiId = created.GetProperty("id").GetString()!;
        var page = await _console.OpenAsync("#/apigateway");
        await Expect(page.Locator($"tr[data-api='{apiId}']")).ToContainTextAsync("REST");
        await page.GetByRole(AriaRole.Link, new() { Name = "console-rest" }).ClickAsync();

        var getItem = page.Locator("tr[data-method='GET /items/{id}']");
        await Expect(getItem).ToContainTextAsync("AWS_PROXY");
        await Expect(getItem).ToContainTextAsync("console-rest-fn");
        await Expect(getItem.GetByTestId("invoke-url")).ToContainTextAsync($"GET http://{apiId}.execute-api.localhost:");
        await Expect(getItem.GetByTestId("invoke-url")).ToContainTextAsync("/prod/items/{id}");
        await Expect(page.Locator("tr[data-method='POST /items']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-resource='/']")).ToContainTextAsync("no methods");
        await Expect(page.Locator("tr[data-stage='prod']")).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(page, "apigateway-rest");

        // The path form shown for GET /items is a URL that reaches the function.
        var pathForm = await page.Locator("tr[data-method='GET /items'] .muted").First.TextContentAsync();
        Assert.Equal($"{_console.Server.EndpointUrl}/_aws/execute-api/{apiId}/prod/items", pathForm);
        var response = await page.APIRequest.GetAsync(pathForm!);
        Assert.Equal(200, response.Status);
        Assert.Equal("""{"path":"/items"}""", await response.TextAsync());
    }

    [Fact]
    public async Task ApiGateway_ShowsAWebSocketApisRoutesAndAWsUrlThatConnects()
    {
        var created = await _console.Server.Boto3.RunAsync($$"""
            gw = client("apigatewayv2")
            api = gw.create_api(Name="console-ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")
            integration = gw.create_integration(ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri="{{FunctionArn}}")
            for key in ["$default", "sendmessage"]:
                gw.create_route(ApiId=api["ApiId"], RouteKey=key, Target="integrations/" + integration["IntegrationId"])
            gw.create_stage(ApiId=api["ApiId"], StageName="prod", AutoDeploy=True)
            print(json.dumps({"id": api["ApiId"]}))
            """);
        var apiId = created.GetProperty("id").GetString()!;
        var page = await _console.OpenAsync("#/apigateway");
        await Expect(page.Locator($"tr[data-api='{apiId}']")).ToContainTextAsync("WEBSOCKET");
        await page.GetByRole(AriaRole.Link, new() { Name = "console-ws" }).ClickAsync();

        await Expect(page.Locator("tr[data-route='sendmessage']")).ToContainTextAsync("AWS_PROXY");
        await Expect(page.Locator("tr[data-route='$default']")).ToHaveCountAsync(1);
        var stage = page.Locator("tr[data-stage='prod']");
        await Expect(stage.GetByTestId("ws-url")).ToHaveTextAsync($"ws://{apiId}.execute-api.localhost:{new Uri(_console.Server.EndpointUrl).Port}/prod");
        await Expect(stage).ToContainTextAsync("/@connections");
        await Expect(page.Locator("svg[aria-label='Connections and messages']")).ToHaveCountAsync(1);

        // The path form shown connects; a message sent on it reaches the chart without reloading the page.
        var pathForm = await stage.Locator(".muted").First.TextContentAsync();
        Assert.Equal($"ws://{new Uri(_console.Server.EndpointUrl).Authority}/_aws/execute-api/{apiId}/prod", pathForm);
        var opened = await page.EvaluateAsync<bool>("""
            url => new Promise(resolve => {
              const socket = new WebSocket(url);
              socket.onopen = () => { socket.send(JSON.stringify({ action: 'sendmessage', text: 'hi' })); socket.close(); resolve(true); };
              socket.onerror = () => resolve(false);
            })
            """, pathForm);
        Assert.True(opened, $"could not open {pathForm}");
        await Expect(page.Locator("svg[aria-label='Connections and messages'] polyline[data-series='MessageCount']")).ToHaveCountAsync(1, Eventually);
        await ConsoleFixture.ScreenshotAsync(page, "apigateway-websocket");
    }

    [Fact]
    public async Task System_UpdatesLive_WithoutReloading()
    {
        var page = await _console.OpenAsync("#/system");
        var uptime = page.GetByTestId("uptime");
        await Expect(uptime).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ s$"));
        var first = await uptime.TextContentAsync();
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;
        await Expect(uptime).Not.ToHaveTextAsync(first!, new() { Timeout = 30_000 });
        Assert.Equal(0, navigations);
    }

    private static async Task<DateTimeOffset[]> FireTimesAsync(ILocator row)
    {
        var times = await row.GetByTestId("next-fire").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.time)");
        return [.. times.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>The next five times at hour:minute on matching days in <paramref name="zone"/>, worked out day by day.</summary>
    private static DateTimeOffset[] HandComputed(Func<DateTime, bool> day, int hour, int minute, TimeZoneInfo zone)
    {
        var now = DateTimeOffset.UtcNow;
        var times = new List<DateTimeOffset>();
        for (var date = TimeZoneInfo.ConvertTime(now, zone).Date; times.Count < 5; date = date.AddDays(1))
        {
            var wall = date.AddHours(hour).AddMinutes(minute);
            var utc = new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
            if (day(wall) && utc > now)
            {
                times.Add(utc);
            }
        }
        return [.. times];
    }
}
