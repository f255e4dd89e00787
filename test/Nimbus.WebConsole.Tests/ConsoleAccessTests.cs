using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Nimbus.Server;
using static Microsoft.Playwright.Assertions;

namespace Nimbus.WebConsole.Tests;

/// <summary>
/// A server bound beyond loopback protects its console, and the /_nimbus/ endpoints it reads, with a token; the printed
/// link trades it for a cookie.
/// </summary>
public sealed class ConsoleAccessTests : IAsyncLifetime
{
    private const string Token = "0123456789abcdef-console-token";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-console-" + Guid.NewGuid().ToString("N")[..8]);
    private NimbusHost? _host;

    public async Task InitializeAsync()
    {
        _host = await NimbusHost.StartAsync(new NimbusOptions { Port = 0, BindAddress = "0.0.0.0", DataDirectory = _dataDirectory, ConsoleToken = Token },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    [Fact]
    public async Task WithoutTheToken_TheConsoleAndItsSessionAreRefused()
    {
        using var http = Client(out _);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Url("/_nimbus/console/"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Url("/_nimbus/console/js/app.js"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Url("/_nimbus/console/api/session"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Url("/_nimbus/console/?token=wrong"))).StatusCode);
        Assert.Contains("?token=", _host!.ConsoleUrl.Query);
    }

    [Fact]
    public async Task ThePrintedLink_SetsAnHttpOnlyCookie_ThatOpensTheConsole()
    {
        using var http = Client(out var cookies);
        var response = await http.GetAsync(Url("/_nimbus/console/?token=" + Token));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/_nimbus/console/", response.Headers.Location?.ToString());
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url("/_nimbus/console/"))).StatusCode);
        var session = await http.GetStringAsync(Url("/_nimbus/console/api/session"));
        Assert.Contains("\"accessKeyId\":\"test\"", session);
        Assert.Single(cookies.GetCookies(new Uri(Url("/_nimbus/console/"))));
    }

    [Fact]
    public async Task ABearerToken_OpensTheSession_ForScripts()
    {
        using var http = Client(out _);
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url("/_nimbus/console/api/session"))).StatusCode);
    }

    [Fact]
    public async Task UnknownAndEscapingPaths_AreNotFound()
    {
        using var http = Client(out _);
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Url("/_nimbus/console/js/missing.js"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Url("/_nimbus/console/js/..%2F..%2Fappsettings.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url("/_nimbus/console/js/app.js"))).StatusCode);
    }

    public static TheoryData<string, string> NimbusEndpoints => new()
    {
        { "GET", "/_nimbus/costs" },
        { "GET", "/_nimbus/schedules" },
        { "POST", "/_nimbus/schedules/run" },
        { "GET", "/_nimbus/metrics" },
        { "GET", "/_NIMBUS/Costs" }, // routing ignores case, so the door must too
        { "GET", "/_nimbus/no-such-endpoint" },
    };

    [Theory]
    [MemberData(nameof(NimbusEndpoints))]
    public async Task WithoutTheToken_NimbusEndpoints_AreRefused(string method, string path)
    {
        using var http = Client(out _);
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path)) { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Authorization: Bearer", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task WithABearerToken_NimbusEndpoints_Answer()
    {
        using var http = Client(out _);
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);

        using var costs = JsonDocument.Parse(await http.GetStringAsync(Url("/_nimbus/costs")));
        Assert.True(costs.RootElement.TryGetProperty("total", out _), costs.RootElement.ToString());
        using var schedules = JsonDocument.Parse(await http.GetStringAsync(Url("/_nimbus/schedules")));
        Assert.Equal(JsonValueKind.Array, schedules.RootElement.GetProperty("schedules").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url("/_nimbus/metrics"))).StatusCode);
        using var health = JsonDocument.Parse(await http.GetStringAsync(Url("/_nimbus/health")));
        Assert.True(health.RootElement.TryGetProperty("environments", out _));
        // Past the door, running a schedule still needs its SigV4 signature.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync(Url("/_nimbus/schedules/run"), new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task WithoutTheToken_Health_OnlySaysThatTheServerRuns()
    {
        using var http = Client(out _);
        using var response = await http.GetAsync(Url("/_nimbus/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // liveness probes and start-up waits need no secret
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("running", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(["status"], health.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ThePrintedLinksCookie_OpensTheEndpointsTheConsoleReads()
    {
        using var http = Client(out _);
        await http.GetAsync(Url("/_nimbus/console/?token=" + Token));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url("/_nimbus/costs"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url("/_nimbus/schedules"))).StatusCode);
        using var health = JsonDocument.Parse(await http.GetStringAsync(Url("/_nimbus/health")));
        Assert.True(health.RootElement.TryGetProperty("isolation", out _));
    }

    [Fact]
    public async Task InChromium_ThePrintedLink_OpensCostsSchedulesAndSystem()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_host!.ConsoleUrl.ToString());

        await page.GotoAsync(Url("/_nimbus/console/#/costs"));
        await Expect(page.GetByTestId("cost-summary")).ToContainTextAsync("projected by the end of the month");
        await page.GotoAsync(Url("/_nimbus/console/#/schedules"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "EventBridge Scheduler schedules" })).ToBeVisibleAsync();
        await page.GotoAsync(Url("/_nimbus/console/#/system"));
        await Expect(page.GetByTestId("isolation")).Not.ToBeEmptyAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    private string Url(string path) => new Uri(_host!.Endpoint, path).ToString();

    private static HttpClient Client(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
