using System.Net;
using Microsoft.Extensions.Logging;
using Nimbus.Server;

namespace Nimbus.WebConsole.Tests;

/// <summary>
/// A server bound beyond loopback protects its console with a token; the printed link trades it for a cookie.
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
